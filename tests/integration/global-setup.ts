/**
 * Brings up PostgreSQL for the integration layer (DATABASE_URL, or the embedded server) and
 * migrates a template database that every test file copies.
 */
import type { TestProject } from "vitest/node";
import { resolveDatabase } from "@/lib/db/database-url";
import { deployMigrations } from "@/lib/db/migrate";
import { adminQuery, databaseUrl, TEMPLATE_DATABASE } from "../helpers/test-database";

export default async function setup(project: TestProject) {
  const database = await resolveDatabase();
  await adminQuery(database.url, `DROP DATABASE IF EXISTS "${TEMPLATE_DATABASE}" WITH (FORCE)`);
  await adminQuery(database.url, `CREATE DATABASE "${TEMPLATE_DATABASE}"`);
  await deployMigrations(databaseUrl(database.url, TEMPLATE_DATABASE));
  project.provide("databaseServerUrl", database.url);
  return async () => {
    await database.stop();
  };
}
