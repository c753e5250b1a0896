import { createHash } from "node:crypto";
import type { Catalogue } from "../catalogue-model";
import { GENRES, VARIOUS_ARTISTS_NAME } from "../catalogue";
import { base62Id, SeededRandom } from "../random";

// The MusicBrainz simulator's data, derived from the Spotify simulator's catalogue so that both
// tell one story: each Spotify artist is, on "MusicBrainz", one of
//   url        linked by its Spotify URL (a "free streaming" relationship), with genres;
//   name-only  not linked, but found by an exact-name search (some spelled in another case,
//              some beside a tribute act whose alias is the same name);
//   ambiguous  not linked, and two MusicBrainz artists carry the name: no genres may be taken;
//   no-genres  linked, but nobody voted for a genre;
//   absent     not on MusicBrainz at all.
// Some linked artists have 7 genres with a four-way tie across the 5th place (the top-5 cut).
// Pure and deterministic: the same seed gives the same data.

export type MbLinkKind = "url" | "name-only" | "ambiguous" | "no-genres" | "absent";

export interface MbGenreVote {
  name: string;
  count: number;
}

export interface MbArtist {
  id: string;
  name: string;
  sortName: string;
  type: "Person" | "Group";
  country: string;
  disambiguation: string;
  begin: string;
  aliases: string[];
  /** Votes as MusicBrainz stores them (its answer lists them by name). */
  genres: MbGenreVote[];
  /** Spotify artist ids whose URL is related to this artist. */
  spotifyIds: string[];
}

/** What the simulator knows about one Spotify artist: for tests and benchmarks to compare with. */
export interface MbSpotifyEntry {
  spotifyArtistId: string;
  name: string;
  kind: MbLinkKind;
  /** The MusicBrainz artists behind it: one, two (ambiguous) or none (absent). */
  mbids: string[];
}

export interface MusicBrainzCatalogue {
  artists: MbArtist[];
  byId: Map<string, MbArtist>;
  /** URL entity id of each linked Spotify artist URL. */
  urlIds: Map<string, string>;
  /** One entry per Spotify artist: the Spotify simulator's and the extra ones. */
  entries: MbSpotifyEntry[];
  entryBySpotifyId: Map<string, MbSpotifyEntry>;
}

export const EXTRA_MB_GENRES = [
  "shoegaze",
  "electronic",
  "alternative rock",
  "soul",
  "singer-songwriter",
  "trip hop",
  "downtempo",
  "post-punk",
  "chamber pop",
  "neoclassical",
  "deep house",
  "art pop",
] as const;

const COUNTRIES = ["GB", "US", "SE", "DE", "FR", "JP", "BR", "NG", "KR", "NO", "CA", "AU"];
const EXTRA_ADJECTIVES = ["Amber", "Cobalt", "Northern", "Slow", "Bright", "Hidden", "Last", "Velour", "Tidal", "Paper", "Winter", "Open"];
const EXTRA_NOUNS = ["Wolves", "Pilots", "Arcades", "Choirs", "Sailors", "Comets", "Houses", "Bridges", "Letters", "Lakes", "Parades", "Stations"];

/** A UUID-shaped id (version 4 layout) derived from the key alone. */
export function mbidFor(key: string): string {
  const hex = createHash("sha1").update(`mb:${key}`).digest("hex");
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Which kind the artist at this position is (the Spotify catalogue's order, then the extras). */
export function kindAt(index: number): MbLinkKind {
  if (index % 15 === 14) return "absent";
  if (index % 10 === 7) return "ambiguous";
  if (index % 10 === 3) return "name-only";
  if (index % 12 === 9) return "no-genres";
  return "url";
}

function sortNameOf(name: string): string {
  return name.startsWith("The ") ? `${name.slice(4)}, The` : name;
}

export function generateMusicBrainzCatalogue(spotify: Catalogue, options: { extraArtists?: number } = {}): MusicBrainzCatalogue {
  const random = new SeededRandom(`${spotify.seed}:musicbrainz`);
  const allGenres: string[] = [...GENRES, ...EXTRA_MB_GENRES];
  const artists: MbArtist[] = [];
  const urlIds = new Map<string, string>();
  const entries: MbSpotifyEntry[] = [];

  const votesFor = (spotifyGenres: readonly string[], index: number): MbGenreVote[] => {
    if (index % 8 === 1) {
      // Seven genres; four tied at 4 votes across the 5th place.
      const names = random.sample(allGenres, 7);
      return names.map((name, k) => ({ name, count: [9, 7, 4, 4, 4, 4, 1][k] }));
    }
    const base = spotifyGenres.length > 0 ? [...spotifyGenres] : random.sample(allGenres, random.int(1, 2));
    const extra = random.sample(allGenres.filter((genre) => !base.includes(genre)), random.int(0, 2));
    return [...base.map((name) => ({ name, count: random.int(3, 12) })), ...extra.map((name) => ({ name, count: random.int(1, 3) }))];
  };

  const addArtist = (key: string, name: string, genres: MbGenreVote[], extra: Partial<MbArtist> = {}): MbArtist => {
    const type: MbArtist["type"] = name.startsWith("The ") || random.chance(0.4) ? "Group" : "Person";
    const artist: MbArtist = {
      id: mbidFor(`${spotify.seed}:artist:${key}`),
      name,
      sortName: sortNameOf(name),
      type,
      country: random.pick(COUNTRIES),
      disambiguation: "",
      begin: String(random.int(1960, 2020)),
      aliases: [],
      genres,
      spotifyIds: [],
      ...extra,
    };
    artists.push(artist);
    return artist;
  };

  const spotifyArtists = spotify.artists.map((artist) => ({ id: artist.id, name: artist.name, genres: artist.genres }));
  const extraCount = options.extraArtists ?? 0;
  const extraRandom = new SeededRandom(`${spotify.seed}:musicbrainz:extra`);
  for (let k = 0; k < extraCount; k += 1) {
    const name = `${extraRandom.pick(EXTRA_ADJECTIVES)} ${extraRandom.pick(EXTRA_NOUNS)} ${k + 1}`;
    spotifyArtists.push({ id: base62Id(`${spotify.seed}:mb-extra:${k}`), name, genres: [] });
  }

  spotifyArtists.forEach((source, index) => {
    // "Various Artists" is a placeholder on MusicBrainz too: linked, never given genres.
    const kind: MbLinkKind = source.name === VARIOUS_ARTISTS_NAME ? "no-genres" : kindAt(index);
    const entry: MbSpotifyEntry = { spotifyArtistId: source.id, name: source.name, kind, mbids: [] };
    entries.push(entry);
    if (kind === "absent") return;
    if (kind === "ambiguous") {
      const first = addArtist(`${index}:a`, source.name, votesFor(source.genres, index), { disambiguation: "the first of this name" });
      const second = addArtist(`${index}:b`, source.name, votesFor([], index + 1), { disambiguation: "another artist of the same name" });
      entry.mbids.push(first.id, second.id);
      return;
    }
    if (kind === "name-only") {
      // Some are spelled in another case on MusicBrainz: the match is case-insensitive.
      const name = index % 20 === 13 ? source.name.toLowerCase() : source.name;
      const artist = addArtist(String(index), name, votesFor(source.genres, index));
      entry.mbids.push(artist.id);
      if (index % 20 === 3) {
        // A tribute act known by the same name (an alias): a score-100 result with another name.
        addArtist(`${index}:tribute`, `${source.name} Tribute Band`, votesFor([], index + 2), { aliases: [source.name], disambiguation: "tribute act" });
      }
      return;
    }
    const artist = addArtist(String(index), source.name, kind === "no-genres" ? [] : votesFor(source.genres, index), { spotifyIds: [source.id] });
    entry.mbids.push(artist.id);
    urlIds.set(source.id, mbidFor(`${spotify.seed}:url:${source.id}`));
  });

  return {
    artists,
    byId: new Map(artists.map((artist) => [artist.id, artist])),
    urlIds,
    entries,
    entryBySpotifyId: new Map(entries.map((entry) => [entry.spotifyArtistId, entry])),
  };
}
