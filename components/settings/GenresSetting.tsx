import type { GenreCoverage } from "@/lib/genres";
import { GenreSourceNote } from "@/components/genres/GenreSourceNote";

/** Where genres come from on this server, and how many of the user's artists still have none (SPEC 12). */
export function GenresSetting({ coverage, locale, timeZone }: { coverage: GenreCoverage; locale: string; timeZone: string }) {
  return (
    <section className="card" aria-labelledby="genres-setting-heading" data-testid="genres-setting">
      <h2 id="genres-setting-heading">Genres</h2>
      <p className="muted">
        {coverage.setting === "musicbrainz"
          ? "Spotify gives genres to extended-quota apps only. For the other artists, Encore looks each one up on MusicBrainz (by its Spotify link, else by its exact name), a few dozen per collection run."
          : "This server reads genres from Spotify only (GENRES=spotify): no artist name is sent to MusicBrainz. Spotify gives genres to extended-quota apps only."}
      </p>
      <GenreSourceNote coverage={coverage} locale={locale} timeZone={timeZone} />
    </section>
  );
}
