/**
 * The frame of every `npm run` command that works on the database: resolve it (DATABASE_URL or
 * the embedded server), run, always release the Prisma client and any server this process
 * started, and turn an error into one readable line and a non-zero exit code.
 */
import { disconnectDb } from "@/lib/db/client";
import { useDatabase, type ResolvedDatabase } from "@/lib/db/database-url";

export function runDatabaseCommand(name: string, command: (database: ResolvedDatabase) => Promise<number>): void {
  const main = async () => {
    const database = await useDatabase();
    try {
      return await command(database);
    } finally {
      await disconnectDb();
      await database.stop();
    }
  };
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`${name} failed: ${message.split("\n")[0]}`);
      process.exit(1);
    },
  );
}
