/**
 * The frame of every `npm run` command that works on the database: parse the arguments first
 * (before anything is started), resolve the database (DATABASE_URL or the embedded server), run,
 * always release the Prisma client and any server this process started, and turn an error into
 * one readable line: exit code 2 for the caller's mistakes (bad arguments), 1 otherwise.
 */
import { disconnectDb } from "@/lib/db/client";
import { useDatabase, type ResolvedDatabase } from "@/lib/db/database-url";

export type CommandOptions<Args> = {
  parse?: () => Args;
  isUsageError?: (error: unknown) => boolean;
};

export function runDatabaseCommand<Args = undefined>(
  name: string,
  command: (database: ResolvedDatabase, args: Args) => Promise<number>,
  options: CommandOptions<Args> = {},
): void {
  const main = async () => {
    const args = (options.parse ? options.parse() : undefined) as Args;
    const database = await useDatabase();
    try {
      return await command(database, args);
    } finally {
      await disconnectDb();
      await database.stop();
    }
  };
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const message = (error instanceof Error ? error.message : String(error)).split("\n")[0];
      if (options.isUsageError?.(error)) {
        console.error(`${name}: ${message}`);
        process.exit(2);
      }
      console.error(`${name} failed: ${message}`);
      process.exit(1);
    },
  );
}
