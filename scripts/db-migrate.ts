/**
 * npm run db:migrate            apply prisma/migrations to DATABASE_URL (or the embedded server)
 * npm run db:migration -- NAME  create a migration from schema.prisma changes, then apply it
 * npm run db:status             pending/edited migrations and drift between schema and migrations
 */
import { createMigration, deployMigrations, migrationDrift, migrationStatus } from "@/lib/db/migrate";
import { runDatabaseCommand } from "./support/command";

runDatabaseCommand("db:migrate", async (database) => {
  const [command = "deploy", ...rest] = process.argv.slice(2);
  if (command === "deploy") {
    const applied = await deployMigrations(database.url);
    console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "The database is up to date.");
    return 0;
  }
  if (command === "dev") {
    const name = rest.filter((arg) => !arg.startsWith("-"))[0];
    if (!name) {
      console.error("Give the migration a name: npm run db:migration -- add_something");
      return 2;
    }
    const created = await createMigration(database.url, name);
    console.log(created ? `Created and applied prisma/migrations/${created}` : "schema.prisma has no changes: no migration created.");
    return 0;
  }
  if (command === "status") {
    const status = await migrationStatus(database.url);
    const drift = await migrationDrift(database.url);
    console.log(JSON.stringify({ ...status, drift: drift.drift, missingSql: drift.sql || undefined }, null, 2));
    return status.pending.length || status.edited.length || status.failed.length || drift.drift ? 1 : 0;
  }
  console.error(`Unknown command ${command}: use deploy, dev or status.`);
  return 2;
});
