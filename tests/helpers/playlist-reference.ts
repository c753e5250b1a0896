/**
 * An independent, plain in-memory reading of SPEC §10's per-track figures and suggestions, for
 * the playlist tests: loops over plays, windows in milliseconds, the 0.6 share as a division.
 */
export type ReferencePlay = { userId: string; trackId: string; playedAt: Date; msPlayed: number | null };
export type ReferenceEntry = { position: number; trackId: string | null; addedAt: Date | null };
export type ReferenceTrack = {
  position: number;
  id: string | null;
  addedAt: string | null;
  streams90d: number;
  lastStream: string | null;
  knownPlays365d: number;
  skipRate365d: number | null;
  suggestion: "often-skipped" | "rarely-played" | null;
};

const DAY = 24 * 60 * 60 * 1000;

export function referenceTracks(plays: ReferencePlay[], userId: string, entries: ReferenceEntry[], now: Date): ReferenceTrack[] {
  const end = now.getTime();
  return entries.map((entry) => {
    let streams90d = 0;
    let last: number | null = null;
    let known = 0;
    let short = 0;
    for (const play of plays) {
      if (entry.trackId === null || play.userId !== userId || play.trackId !== entry.trackId) continue;
      const at = play.playedAt.getTime();
      if (at >= end) continue;
      const stream = play.msPlayed === null || play.msPlayed >= 30000;
      if (stream && at >= end - 90 * DAY) streams90d += 1;
      if (stream && (last === null || at > last)) last = at;
      if (play.msPlayed !== null && at >= end - 365 * DAY) {
        known += 1;
        if (play.msPlayed < 30000) short += 1;
      }
    }
    const skipRate = known === 0 ? null : short / known;
    let suggestion: ReferenceTrack["suggestion"] = null;
    if (entry.trackId !== null) {
      if (known >= 5 && skipRate !== null && skipRate >= 0.6) suggestion = "often-skipped";
      else if ((entry.addedAt === null || end - entry.addedAt.getTime() >= 60 * DAY) && streams90d === 0) suggestion = "rarely-played";
    }
    return {
      position: entry.position,
      id: entry.trackId,
      addedAt: entry.addedAt?.toISOString() ?? null,
      streams90d,
      lastStream: last === null ? null : new Date(last).toISOString(),
      knownPlays365d: known,
      skipRate365d: skipRate,
      suggestion,
    };
  });
}
