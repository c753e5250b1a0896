/**
 * npm run start | npm run dev: the app on PORT (default 3000), host 127.0.0.1 unless HOST
 * says otherwise, on DATABASE_URL or the embedded PostgreSQL (migrated before the app starts).
 */
import { useDatabase } from "@/lib/db/database-url";
import { deployMigrations } from "@/lib/db/migrate";
import { appHost, appPort, spawnApp } from "./support/app-server";
import { superviseChildren } from "./support/processes";

async function main(): Promise<number> {
  const mode = process.argv[2] === "dev" ? "dev" : "start";
  const database = await useDatabase();
  try {
    const applied = await deployMigrations(database.url);
    if (applied.length) console.error(`Applied ${applied.length} migration(s).`);
    const app = await spawnApp({ mode, port: appPort(), host: appHost() });
    return await superviseChildren([app], database.stop);
  } catch (error) {
    await database.stop();
    throw error;
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
