/**
 * An artist's genres as Encore keeps them (SPEC 12): the ones with the most votes, at most five,
 * ties broken by name (code point order, as every name comparison in Encore), named as
 * MusicBrainz names them.
 */
import type { MusicBrainzGenreVote } from "./schemas";

export const MAX_GENRES = 5;

function byCodePoint(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    const diff = left[i].codePointAt(0)! - right[i].codePointAt(0)!;
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

export function topGenres(votes: readonly MusicBrainzGenreVote[]): string[] {
  // A genre listed twice (it never is, but the answer is untrusted) counts once, with its best count.
  const best = new Map<string, number>();
  for (const { name, count } of votes) best.set(name, Math.max(count, best.get(name) ?? -Infinity));
  return [...best]
    .sort(([nameA, countA], [nameB, countB]) => countB - countA || byCodePoint(nameA, nameB))
    .slice(0, MAX_GENRES)
    .map(([name]) => name);
}

/** Same name, case-insensitively (and regardless of Unicode normalisation form). */
export function sameArtistName(a: string, b: string): boolean {
  return a.normalize("NFC").toLowerCase() === b.normalize("NFC").toLowerCase();
}
