/**
 * Where genres come from (SPEC 2 and 12), read from the environment when asked (never at import
 * time): GENRES=musicbrainz (the default) or spotify, MUSICBRAINZ_URL, MUSICBRAINZ_RUN_BUDGET.
 */
import packageJson from "@/package.json";

export const DEFAULT_MUSICBRAINZ_URL = "https://musicbrainz.org";
export const DEFAULT_MUSICBRAINZ_RUN_BUDGET = 60;

export type GenresSetting = "musicbrainz" | "spotify";

export type MusicBrainzConfig = {
  /** GENRES: "spotify" turns MusicBrainz off (no artist name is ever sent to it). */
  genres: GenresSetting;
  baseUrl: string;
  /** Requests one run may send to MusicBrainz. */
  runBudget: number;
  /** Names the application and a contact, as MusicBrainz asks: `Encore/<version> ( <public URL> )`. */
  userAgent: string;
};

export class MusicBrainzConfigError extends Error {}

/** GENRES as the pages show it: MusicBrainz unless turned off (an unknown value is refused by the run, see below). */
export function readGenresSetting(env: NodeJS.ProcessEnv = process.env): GenresSetting {
  return (env.GENRES ?? "").trim().toLowerCase() === "spotify" ? "spotify" : "musicbrainz";
}

function checkedGenresSetting(env: NodeJS.ProcessEnv): GenresSetting {
  const value = (env.GENRES ?? "").trim().toLowerCase();
  if (value !== "" && value !== "musicbrainz" && value !== "spotify") {
    throw new MusicBrainzConfigError(`GENRES=${env.GENRES} is not understood: use "musicbrainz" (the default) or "spotify".`);
  }
  return readGenresSetting(env);
}

/** The app's public URL: NEXTAUTH_URL, else what `npm start` would listen on. */
function contactUrl(env: NodeJS.ProcessEnv): string {
  return env.NEXTAUTH_URL || `http://${env.HOST || "127.0.0.1"}:${env.PORT || "3000"}`;
}

export function userAgent(env: NodeJS.ProcessEnv = process.env): string {
  return `Encore/${packageJson.version} ( ${contactUrl(env)} )`;
}

export function readMusicBrainzConfig(env: NodeJS.ProcessEnv = process.env): MusicBrainzConfig {
  const budgetText = env.MUSICBRAINZ_RUN_BUDGET;
  const runBudget = budgetText === undefined || budgetText === "" ? DEFAULT_MUSICBRAINZ_RUN_BUDGET : Number(budgetText);
  if (!Number.isInteger(runBudget) || runBudget < 0) {
    throw new MusicBrainzConfigError(`MUSICBRAINZ_RUN_BUDGET=${budgetText} is not a whole number of requests (0 or more).`);
  }
  return {
    genres: checkedGenresSetting(env),
    baseUrl: (env.MUSICBRAINZ_URL || DEFAULT_MUSICBRAINZ_URL).replace(/\/+$/, ""),
    runBudget,
    userAgent: userAgent(env),
  };
}
