/**
 * What Encore should keep as an artist's genres, worked out from the MusicBrainz simulator's raw
 * data alone (not with lib/musicbrainz): SPEC 12's rules written out plainly for the tests.
 */
import type { MusicBrainzCatalogue, MbGenreVote } from "@/lib/simulator/musicbrainz";
import { compareCodePoints } from "./stats-reference";

/** The five genres with the most votes; ties by name in code point order. */
export function expectedTopGenres(votes: readonly MbGenreVote[]): string[] {
  const sorted = [...votes].sort((a, b) => (a.count !== b.count ? b.count - a.count : compareCodePoints(a.name, b.name)));
  return sorted.slice(0, 5).map((vote) => vote.name);
}

/** Genres the queue must store for a Spotify artist the simulator knows; [] when none may be taken. */
export function expectedGenresFor(catalogue: MusicBrainzCatalogue, spotifyArtistId: string): string[] {
  const entry = catalogue.entryBySpotifyId.get(spotifyArtistId);
  if (!entry) throw new Error(`the MusicBrainz simulator does not know Spotify artist ${spotifyArtistId}`);
  // Linked by URL, or the only artist of that name: its genres. Two of the name, or none: nothing.
  if (entry.kind === "absent" || entry.kind === "ambiguous") return [];
  return expectedTopGenres(catalogue.byId.get(entry.mbids[0])!.genres);
}

/** The MBID the queue must store (null when not found or ambiguous). */
export function expectedMbidFor(catalogue: MusicBrainzCatalogue, spotifyArtistId: string): string | null {
  const entry = catalogue.entryBySpotifyId.get(spotifyArtistId)!;
  return entry.kind === "absent" || entry.kind === "ambiguous" ? null : entry.mbids[0];
}

/** Requests the shortest path needs: URL lookup (+ search when not linked) (+ the genres when found). */
export function minimumRequestsFor(catalogue: MusicBrainzCatalogue, spotifyArtistId: string): number {
  const kind = catalogue.entryBySpotifyId.get(spotifyArtistId)!.kind;
  if (kind === "url" || kind === "no-genres") return 2;
  if (kind === "name-only") return 3;
  return 2; // absent, ambiguous: URL lookup and search, nothing to read after
}
