/**
 * The import's transaction runs on its own pg connection (COPY is not reachable through Prisma).
 * lib/stats refreshes its rollups with `$queryRaw`/`$executeRaw` only, so this view of the same
 * connection lets `refreshRollups` run inside the import's transaction, all or nothing with it.
 */
import type pg from "pg";
import { Prisma } from "@/lib/db/generated/client";

type RawOnly = Pick<Prisma.TransactionClient, "$queryRaw" | "$executeRaw">;

export function rawSqlTransaction(client: pg.Client): Prisma.TransactionClient {
  const query = (strings: TemplateStringsArray, values: unknown[]) => {
    const statement = Prisma.sql(strings, ...(values as Prisma.Sql[]));
    return client.query(statement.text, statement.values);
  };
  const view = {
    $queryRaw: async (strings: TemplateStringsArray, ...values: unknown[]) => (await query(strings, values)).rows,
    $executeRaw: async (strings: TemplateStringsArray, ...values: unknown[]) => (await query(strings, values)).rowCount ?? 0,
  };
  return view as unknown as RawOnly as Prisma.TransactionClient;
}
