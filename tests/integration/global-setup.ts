/**
 * Brings up PostgreSQL for the integration layer (DATABASE_URL, or the embedded server) and
 * migrates a template database that every test file copies.
 */
import type { TestProject } from "vitest/node";
import { resolveDatabase } from "@/lib/db/database-url";
import { deployMigrations } from "@/lib/db/migrate";
import { dropDatabase, recreateDatabase } from "@/lib/db/admin";
import { templateDatabaseName } from "../helpers/test-database";

export default async function setup(project: TestProject) {
  const database = await resolveDatabase();
  const template = templateDatabaseName();
  await deployMigrations(await recreateDatabase(database.url, template));
  project.provide("databaseServerUrl", database.url);
  project.provide("templateDatabase", template);
  return async () => {
    await dropDatabase(database.url, template).catch(() => undefined);
    await database.stop();
  };
}
