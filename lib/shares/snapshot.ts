/**
 * What a share link shows: the figures of the shared year or range as they were when the link
 * was made (SPEC §11). Stored as JSON on the share; never recomputed, so a shared page reads no
 * one's plays. Only what the shared page shows is kept (no timeline, no sessions, no user ids).
 */
import { z } from "zod";
import type { Report } from "@/lib/stats/types";

/** How many entries each top list of a snapshot keeps. */
export const SNAPSHOT_LIST_LENGTH = 5;

const count = z.number().int().nonnegative();
const ranked = z.object({ id: z.string(), name: z.string(), streams: count, msListened: z.number().nonnegative() });

export const shareSnapshotSchema = z.object({
  timeZone: z.string(),
  totals: z.object({
    plays: count,
    streams: count,
    msListened: z.number().nonnegative(),
    uniqueTracks: count,
    uniqueArtists: count,
    uniqueAlbums: count,
    newArtists: count,
  }),
  topArtists: z.array(ranked),
  topTracks: z.array(ranked.extend({ artists: z.array(z.string()) })),
  topAlbums: z.array(ranked),
  topGenres: z.array(z.object({ name: z.string(), streams: count, msListened: z.number().nonnegative() })),
  streaks: z.object({ longest: z.object({ days: count, start: z.string().nullable(), end: z.string().nullable() }) }),
  heatmap: z.array(z.array(count).length(24)).length(7),
  /** Whether some of the sharer's genres came from MusicBrainz, whose licence asks for the credit. */
  genresFromMusicBrainz: z.boolean().default(false),
});

export type ShareSnapshot = z.infer<typeof shareSnapshotSchema>;

export function snapshotOf(report: Report, genresFromMusicBrainz: boolean): ShareSnapshot {
  const top = <T>(items: T[]) => items.slice(0, SNAPSHOT_LIST_LENGTH);
  return {
    timeZone: report.user.timeZone,
    totals: report.totals,
    topArtists: top(report.topArtists),
    topTracks: top(report.topTracks),
    topAlbums: top(report.topAlbums),
    topGenres: top(report.topGenres),
    streaks: { longest: report.streaks.longest },
    heatmap: report.heatmap,
    genresFromMusicBrainz,
  };
}
