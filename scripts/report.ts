/**
 * npm run report -- --user <spotifyUserId> [--artist <artistId>] [--from X] [--to X] [--year Y] [--tz ZONE] [--limit N] [--now ISO] [--json]
 * npm run report -- --user <spotifyUserId> --trends [--tz ZONE] [--limit N] [--now ISO] [--json]
 * Prints the stats report of SPEC section 5 (with --artist: the artist report of SPEC 5c; with
 * --trends: the trends report of 5c): one JSON document with --json, readable text otherwise.
 * Bad arguments, and an artist the user never played (exactly like an unknown id): a one-line
 * error on stderr and exit code 2.
 */
import { parseArgs } from "node:util";
import { getDb } from "@/lib/db/client";
import { parseRangeOptions, parseTimeZone, RangeArgumentError } from "@/lib/stats/range";
import { getReport } from "@/lib/stats/report";
import { getArtistReport } from "@/lib/stats/artistReport";
import { formatArtistReport } from "@/lib/stats/artist-report-text";
import { formatReport } from "@/lib/stats/report-text";
import { getTrends } from "@/lib/stats/trends";
import { formatTrends } from "@/lib/stats/trends-text";
import { DEFAULT_LIMIT, type StatsFilter } from "@/lib/stats/types";
import { runDatabaseCommand } from "./support/command";

const USAGE =
  "usage: npm run report -- --user <spotifyUserId> [--artist <artistId>] [--from X] [--to X] [--year Y] [--tz ZONE] [--limit N] [--now ISO] [--json]" +
  " | --user <spotifyUserId> --trends [--tz ZONE] [--limit N] [--now ISO] [--json]";

type Options = { user: string; artist?: string; from?: string; to?: string; year?: string; tz?: string; limit: number; now: Date; json: boolean; trends: boolean };

function parseOptions(argv: string[]): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        user: { type: "string" },
        artist: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        year: { type: "string" },
        tz: { type: "string" },
        limit: { type: "string" },
        now: { type: "string" },
        json: { type: "boolean", default: false },
        trends: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new RangeArgumentError(`${error instanceof Error ? error.message.split("\n")[0] : String(error)}; ${USAGE}`);
  }
  if (!values.user) throw new RangeArgumentError(`--user is required; ${USAGE}`);
  if (values.trends && (values.from !== undefined || values.to !== undefined || values.year !== undefined)) {
    throw new RangeArgumentError("--trends takes no range (--from, --to, --year): its windows are counted back from --now");
  }
  let limit = DEFAULT_LIMIT;
  if (values.limit !== undefined) {
    if (!/^\d+$/.test(values.limit) || Number(values.limit) < 1 || Number(values.limit) > 1000) {
      throw new RangeArgumentError(`--limit "${values.limit}" must be a whole number from 1 to 1000`);
    }
    limit = Number(values.limit);
  }
  let now = new Date();
  if (values.now !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}T/.test(values.now) || Number.isNaN(new Date(values.now).getTime())) {
      throw new RangeArgumentError(`--now "${values.now}" is not an ISO instant (2025-03-01T12:00:00Z)`);
    }
    now = new Date(values.now);
  }
  if (values.artist !== undefined && !values.artist.trim()) throw new RangeArgumentError(`--artist needs an artist id; ${USAGE}`);
  if (values.artist !== undefined && values.trends) throw new RangeArgumentError(`--artist and --trends are two different reports; ${USAGE}`);
  return {
    user: values.user,
    artist: values.artist?.trim(),
    from: values.from,
    to: values.to,
    year: values.year,
    tz: values.tz,
    limit,
    now,
    json: values.json ?? false,
    trends: values.trends ?? false,
  };
}

type ReportArgs = Options & { overrideZone?: string };

runDatabaseCommand<ReportArgs>(
  "report",
  async (_database, options) => {
    const db = getDb();
    const user = await db.user.findUnique({ where: { spotifyId: options.user }, select: { id: true, timeZone: true, displayName: true } });
    if (!user) throw new RangeArgumentError(`unknown user "${options.user}" (give the Spotify user id)`);
    const timeZone = options.overrideZone ?? parseTimeZone(user.timeZone);
    if (options.trends) {
      const trends = await getTrends(db, { userId: user.id, timeZone, now: options.now, limit: options.limit });
      process.stdout.write(options.json ? `${JSON.stringify(trends)}\n` : `${formatTrends(trends, `${user.displayName ?? options.user} (${options.user})`)}\n`);
      return 0;
    }
    const range = parseRangeOptions(options, timeZone);
    const filter: StatsFilter = { userId: user.id, ...range, timeZone, limit: options.limit, now: options.now };
    if (options.artist !== undefined) {
      const report = await getArtistReport(db, filter, options.artist);
      // Never played and unknown read alike: the catalogue is shared, the plays are not (SPEC 5c).
      if (!report) throw new RangeArgumentError(`no artist "${options.artist}" among the plays of ${options.user}`);
      process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `${formatArtistReport(report)}\n`);
      return 0;
    }
    const report = await getReport(db, filter);
    process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `${formatReport(report)}\n`);
    return 0;
  },
  {
    parse: () => {
      const options = parseOptions(process.argv.slice(2));
      return { ...options, overrideZone: options.tz === undefined ? undefined : parseTimeZone(options.tz) };
    },
    isUsageError: (error) => error instanceof RangeArgumentError,
  },
);
