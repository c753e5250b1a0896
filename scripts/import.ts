/**
 * npm run import -- --user <spotifyUserId> [--json] [--dry-run] <path>...
 * Imports a Spotify data export (a .zip, a folder, or .json files) for one listener. Progress
 * goes to stderr; with --json the last line on stdout is the summary of SPEC section 4. With
 * --dry-run the whole import runs in its transaction and is rolled back: the same summary,
 * nothing stored (not even an ImportJob).
 */
import { parseArgs } from "node:util";
import pg from "pg";
import { describeSummary, importSpotifyExport, previewSpotifyExport, type ImportProgress } from "@/lib/import";
import { runDatabaseCommand } from "./support/command";

const USAGE = "usage: npm run import -- --user <spotifyUserId> [--json] [--dry-run] <path>...";

function progressLine(progress: ImportProgress): string {
  const percent = progress.bytesTotal > 0 ? Math.floor((progress.bytesDone / progress.bytesTotal) * 100) : 100;
  return `import: ${progress.stage} ${percent}% (${progress.filesDone}/${progress.filesTotal} files, ${progress.entries} entries)`;
}

function parseCommandLine(): { user: string; json: boolean; dryRun: boolean; paths: string[] } {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { user: { type: "string" }, json: { type: "boolean", default: false }, "dry-run": { type: "boolean", default: false } },
    });
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; ${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (!values.user || positionals.length === 0) throw new Error(USAGE);
  return { user: values.user, json: values.json ?? false, dryRun: values["dry-run"] ?? false, paths: positionals };
}

const count = (value: number) => value.toLocaleString("en-US");

runDatabaseCommand("import", async (database, args) => {
  const lookup = new pg.Client({ connectionString: database.url });
  await lookup.connect();
  const users = await lookup.query<{ id: string }>("SELECT id FROM users WHERE spotify_id = $1", [args.user]).finally(() => lookup.end());
  if (users.rows.length === 0) throw new Error(`unknown user: no listener with Spotify id ${args.user} (they sign in once before importing)`);

  let lastReport = 0;
  const options = {
    userId: users.rows[0].id,
    inputs: args.paths,
    databaseUrl: database.url,
    source: "cli",
    onProgress: (progress: ImportProgress) => {
      const now = Date.now();
      if (progress.stage === "reading" && now - lastReport < 1000) return;
      lastReport = now;
      process.stderr.write(`${progressLine(progress)}\n`);
    },
  };
  const result = args.dryRun ? await previewSpotifyExport(options) : await importSpotifyExport(options);
  for (const warning of result.warnings) process.stderr.write(`warning: ${warning.file}[${warning.index}]: ${warning.message}\n`);
  if (result.warningCount > result.warnings.length) process.stderr.write(`warning: ... and ${result.warningCount - result.warnings.length} more\n`);
  const { files, entries, inserted, duplicates, skipped, reasons } = result.summary;
  if (args.json) console.log(JSON.stringify({ files, entries, inserted, duplicates, skipped, reasons }));
  else {
    if (args.dryRun) console.log("Dry run: nothing was stored. Without --dry-run:");
    for (const line of describeSummary(result.summary, { preview: args.dryRun, format: count })) console.log(line);
  }
  return 0;
}, { parse: parseCommandLine });
