/**
 * A view of one pg connection as the raw-SQL half of a Prisma transaction client: lib/stats
 * maintains its rollups with `$queryRaw`/`$executeRaw` tagged templates only, so the same SQL
 * runs inside a transaction Encore opened itself on that connection (the import's, which also
 * needs COPY; a rollup rebuild's, see lib/db/plain-transaction.ts).
 */
import type pg from "pg";
import { Prisma } from "@/lib/db/generated/client";

type RawOnly = Pick<Prisma.TransactionClient, "$queryRaw" | "$executeRaw">;

export function rawSqlTransaction(client: pg.Client | pg.PoolClient): Prisma.TransactionClient {
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
