import type { GenreCoverage } from "@/lib/genres";
import { formatInstant } from "@/lib/format/dates";
import { formatCount } from "@/lib/format/numbers";

export const MUSICBRAINZ_URL = "https://musicbrainz.org";
/** MusicBrainz's genres and tags are its supplementary data, under this licence. */
export const MUSICBRAINZ_LICENCE_URL = "https://creativecommons.org/licenses/by-nc-sa/3.0/";

/** "Genres from MusicBrainz, CC BY-NC-SA", linked, as MusicBrainz's licence asks. */
export function MusicBrainzAttribution() {
  return (
    <>
      Genres from{" "}
      <a href={MUSICBRAINZ_URL} target="_blank" rel="noreferrer">
        MusicBrainz
      </a>
      ,{" "}
      <a href={MUSICBRAINZ_LICENCE_URL} target="_blank" rel="noreferrer">
        CC BY-NC-SA
      </a>
    </>
  );
}

/** Why some of the user's artists have no genres yet, and what happens next. */
function missingGenres(coverage: GenreCoverage, locale: string, timeZone: string): string {
  const none = coverage.withoutGenres;
  if (coverage.artists === 0) return "Genres appear here once you have streamed something.";
  if (none === 0) return `All ${formatCount(coverage.artists, locale)} of your artists have genres.`;
  const lead = `${formatCount(none, locale)} of your ${formatCount(coverage.artists, locale)} artists ${none === 1 ? "has" : "have"} no genres yet`;
  if (coverage.setting === "spotify") {
    return `${lead}. MusicBrainz lookups are turned off on this server (GENRES=spotify), and Spotify gives genres to extended-quota apps only.`;
  }
  const waiting = coverage.withoutGenresPending;
  const unknown = none - waiting;
  const parts: string[] = [];
  if (waiting > 0) {
    parts.push(
      coverage.pausedUntil
        ? `${formatCount(waiting, locale)} ${waiting === 1 ? "is" : "are"} waiting for a MusicBrainz lookup, paused at MusicBrainz's request until ${formatInstant(coverage.pausedUntil.toISOString(), locale, timeZone)}`
        : `${formatCount(waiting, locale)} ${waiting === 1 ? "is" : "are"} waiting for a MusicBrainz lookup, which every collection run advances`,
    );
  }
  if (unknown > 0) parts.push(`${formatCount(unknown, locale)} ${unknown === 1 ? "has" : "have"} none on MusicBrainz (asked again every 30 days)`);
  return `${lead}: ${parts.join("; ")}.`;
}

/** Where the genres on this page come from, and how many of the user's artists have none yet (SPEC 12). */
export function GenreSourceNote({ coverage, locale, timeZone }: { coverage: GenreCoverage; locale: string; timeZone: string }) {
  const musicBrainz = coverage.setting === "musicbrainz" || coverage.fromMusicBrainz > 0;
  return (
    <div className="genre-source small muted" data-testid="genre-source">
      <p>
        {musicBrainz ? <MusicBrainzAttribution /> : "Genres from Spotify"}
        {musicBrainz && coverage.fromSpotify > 0 ? " and Spotify" : ""}.
      </p>
      <p data-testid="genres-missing">{missingGenres(coverage, locale, timeZone)}</p>
    </div>
  );
}
