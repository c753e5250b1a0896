/**
 * Prisma's migration engine, compiled to WebAssembly, driven through @prisma/adapter-pg.
 *
 * The Prisma CLI's `migrate` commands need a native engine that is downloaded at run time;
 * this module drives the same engine from npm instead. It reads and writes the CLI's layout
 * (prisma/migrations/<timestamp>_<name>/migration.sql and the `_prisma_migrations` table), so
 * `prisma migrate` works on the same folder wherever the native engine is available.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery, SqlResultSet } from "@prisma/driver-adapter-utils";
import pg from "pg";

export const SCHEMA_PATH = path.join("prisma", "schema.prisma");
export const MIGRATIONS_DIR = path.join("prisma", "migrations");
const LOCKFILE = "migration_lock.toml";
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const NO_FILTER = { externalTables: [] as string[], externalEnums: [] as string[] };

type EngineModule = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");
type Engine = Awaited<ReturnType<EngineModule["SchemaEngine"]["new"]>>;

let engineModule: Promise<EngineModule> | undefined;

/** The package imports its .wasm as an ES module, which Node cannot; instantiate it by hand. */
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const bindings = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as EngineModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
    const imports = { "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports };
    const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmPath), imports);
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return engineModule;
}

function connectionFields(url: string): pg.PoolConfig {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "postgres",
    max: 4,
  };
}

/**
 * adapter-pg cannot map PostgreSQL's internal `"char"` type (OID 18), which the engine's
 * introspection selects. Read those columns as text, then tell the engine they are characters.
 */
function patchCharColumns(adapter: SqlDriverAdapter): void {
  const queryable = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as {
    performIO(query: SqlQuery): Promise<{ fields: { dataTypeID: number }[]; rows: unknown[] }>;
    queryRaw(query: SqlQuery): Promise<SqlResultSet>;
    __encoreCharPatch?: boolean;
  };
  if (queryable.__encoreCharPatch) return;
  queryable.__encoreCharPatch = true;
  const charColumns = new WeakMap<object, number[]>();
  const performIO = queryable.performIO;
  const queryRaw = queryable.queryRaw;
  queryable.performIO = async function (this: unknown, query: SqlQuery) {
    const result = await performIO.call(this, query);
    const indexes: number[] = [];
    result.fields.forEach((field, index) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        indexes.push(index);
      }
    });
    if (indexes.length) charColumns.set(result.rows, indexes);
    return result;
  };
  queryable.queryRaw = async function (this: unknown, query: SqlQuery) {
    const result = await queryRaw.call(this, query);
    for (const index of charColumns.get(result.rows) ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
}

/**
 * adapter-pg's `executeScript` splits a migration on every `;` (breaking function bodies and
 * string literals) and runs the pieces one by one, so a failing migration is left half-applied.
 * Sent whole in one simple-protocol query instead, PostgreSQL parses it itself and runs it in one
 * implicit transaction: a migration applies completely or not at all.
 */
function executeScriptsWhole(adapter: SqlDriverAdapter): void {
  // PrismaPgAdapter's own members (not in the SqlDriverAdapter interface).
  const pgAdapter = adapter as unknown as { underlyingDriver(): pg.Pool | pg.PoolClient; onError(error: unknown): never };
  const driver = pgAdapter.underlyingDriver();
  adapter.executeScript = async (script: string) => {
    try {
      await driver.query(script);
    } catch (error) {
      pgAdapter.onError(error);
    }
  };
}

/** Shadow databases made and dropped by us: adapter-pg's own drops the database before closing its pool. */
function adapterFactory(url: string, opened: SqlDriverAdapter[]): SqlMigrationAwareDriverAdapterFactory {
  const fields = connectionFields(url);
  const track = (adapter: SqlDriverAdapter) => {
    patchCharColumns(adapter);
    executeScriptsWhole(adapter);
    opened.push(adapter);
    return adapter;
  };
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: async () => track(await new PrismaPg(fields).connect()),
    connectToShadowDb: async () => {
      const name = `encore_shadow_${randomBytes(6).toString("hex")}`;
      const admin = new pg.Client({ ...fields, database: "postgres" });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      const adapter = await new PrismaPg({ ...fields, database: name }).connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        const dropper = new pg.Client({ ...fields, database: "postgres" });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await dropper.end();
      };
      return track(adapter);
    },
  };
}

function installPanicRegistry(): void {
  const holder = globalThis as unknown as { PRISMA_WASM_PANIC_REGISTRY?: unknown };
  if (holder.PRISMA_WASM_PANIC_REGISTRY) return;
  let message = "";
  holder.PRISMA_WASM_PANIC_REGISTRY = {
    set_message(value: string) {
      message = `RuntimeError: ${value}`;
    },
    get() {
      return message;
    },
  };
}

export type SchemaEngineSession = {
  engine: Engine;
  schemaFiles: { path: string; content: string }[];
  migrationsList(): ReturnType<typeof readMigrationsList>;
  close(): Promise<void>;
};

export function readMigrationsList(root: string) {
  const baseDir = path.join(root, MIGRATIONS_DIR);
  const names = fs.existsSync(baseDir)
    ? fs
        .readdirSync(baseDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  const lockPath = path.join(baseDir, LOCKFILE);
  return {
    baseDir,
    lockfile: { path: LOCKFILE, content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    // Bare directory names: absolute ones would end up in _prisma_migrations.
    migrationDirectories: names.map((name) => {
      const file = path.join(baseDir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: fs.existsSync(file)
            ? { tag: "ok" as const, value: fs.readFileSync(file, "utf8") }
            : { tag: "error" as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

export async function openSchemaEngine(url: string, root: string, schemaContent?: string): Promise<SchemaEngineSession> {
  installPanicRegistry();
  const { SchemaEngine } = await loadEngineModule();
  const schemaPath = path.join(root, SCHEMA_PATH);
  const schemaFiles = [{ path: schemaPath, content: schemaContent ?? fs.readFileSync(schemaPath, "utf8") }];
  const opened: SqlDriverAdapter[] = [];
  const engine = await SchemaEngine.new(
    { datamodels: schemaFiles.map((file) => [file.path, file.content] as [string, string]) },
    () => undefined,
    bindMigrationAwareSqlAdapterFactory(adapterFactory(url, opened)),
  );
  return {
    engine,
    schemaFiles,
    migrationsList: () => readMigrationsList(root),
    close: async () => {
      engine.free();
      await Promise.all(opened.map((adapter) => adapter.dispose().catch(() => undefined)));
    },
  };
}

export const schemaFilter = NO_FILTER;
