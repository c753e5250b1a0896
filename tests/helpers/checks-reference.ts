/**
 * An independent reference for the play scans of SPEC §7, straight from the wording, for
 * comparing lib/checks' SQL on generated histories.
 */
export type ReferencePlay = { userId: string; trackId: string; playedAt: Date; msPlayed: number | null };

/** Plays with another play of the same user and track in the 10 s before (or at the same instant, created earlier). */
export function referenceDuplicates(plays: readonly ReferencePlay[]): number {
  return plays.filter((play, index) =>
    plays.some(
      (other, otherIndex) =>
        otherIndex !== index &&
        other.userId === play.userId &&
        other.trackId === play.trackId &&
        other.playedAt.getTime() <= play.playedAt.getTime() &&
        other.playedAt.getTime() >= play.playedAt.getTime() - 10_000 &&
        (other.playedAt.getTime() < play.playedAt.getTime() || otherIndex < index),
    ),
  ).length;
}

/** Plays whose track credits no artist (the catalogue's foreign keys rule out the other kinds of missing reference). */
export function referenceMissingReferences(plays: readonly ReferencePlay[], creditedTracks: ReadonlySet<string>): number {
  return plays.filter((play) => !creditedTracks.has(play.trackId)).length;
}

export function referenceMsOutOfRange(plays: readonly ReferencePlay[]): number {
  return plays.filter((play) => play.msPlayed !== null && (play.msPlayed < 0 || play.msPlayed > 24 * 3600 * 1000)).length;
}
