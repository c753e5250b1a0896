import type { MbArtist } from "./catalogue";

// A small stand-in for MusicBrainz's artist search: a phrase (`artist:"..."`, Lucene escapes
// undone) or plain words; score 100 for the same name or an alias, case-insensitively, lower
// scores for names sharing words; best first, as MusicBrainz orders them.

export function searchTerm(query: string): string {
  const phrase = /^\s*(?:artist:)?"((?:[^"\\]|\\.)*)"\s*$/.exec(query);
  const text = phrase ? phrase[1] : query.replace(/^\s*artist:/, "");
  return text.replace(/\\(.)/g, "$1").trim();
}

const fold = (text: string) => text.normalize("NFC").toLowerCase();
const words = (text: string) => fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

export function scoreOf(artist: MbArtist, term: string): number {
  const wanted = fold(term);
  if (fold(artist.name) === wanted || artist.aliases.some((alias) => fold(alias) === wanted)) return 100;
  const termWords = new Set(words(term));
  const nameWords = words(artist.name);
  const shared = nameWords.filter((word) => termWords.has(word)).length;
  if (shared === 0) return 0;
  return Math.min(95, Math.round((90 * shared) / Math.max(nameWords.length, termWords.size)));
}

export function searchArtists(artists: readonly MbArtist[], query: string): { artist: MbArtist; score: number }[] {
  const term = searchTerm(query);
  if (!term) return [];
  return artists
    .map((artist) => ({ artist, score: scoreOf(artist, term) }))
    .filter((match) => match.score > 0)
    .sort((a, b) => b.score - a.score || (a.artist.name < b.artist.name ? -1 : a.artist.name > b.artist.name ? 1 : 0) || (a.artist.id < b.artist.id ? -1 : 1));
}
