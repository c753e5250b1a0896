import type { Catalogue, SimAlbum, SimAlbumType, SimArtist, SimTrack } from "./catalogue-model";
import { base62Id, SeededRandom } from "./random";

// Generates the deterministic catalogue: ~60 artists (several with 2–3 genres, several with
// none), ~120 albums of every size (singles to 20+ tracks, a few compilations), ~800 tracks,
// some with featured artists. Pure: the same seed always gives the same catalogue.

export type { Catalogue, SimAlbum, SimAlbumType, SimArtist, SimPlay, SimTrack } from "./catalogue-model";
export {
  DEFAULT_SEED,
  NAMED_LISTENERS,
  generateListeners,
  generateListenerPlays,
  generateFollowUpPlays,
  habitualSkipTracks,
  type ListeningHabits,
  type SimListener,
} from "./listeners";
export { SIM_EPISODES, SPOTIFY_OWNER, snapshotIdOf, type SimPlaylist, type SimPlaylistItem, type SimPlaylistOwner } from "./playlists";

export const GENRES = [
  "indie pop",
  "dream pop",
  "post-rock",
  "synthwave",
  "jazz",
  "neo soul",
  "techno",
  "house",
  "ambient",
  "hip hop",
  "lo-fi beats",
  "folk",
  "indie folk",
  "classical",
  "bossa nova",
  "drum and bass",
  "metal",
  "k-pop",
] as const;

const FIRST_NAMES = ["Mira", "Jonas", "Aiko", "Tomás", "Léa", "Kofi", "Ingrid", "Rafael", "Noor", "Sven", "Zoë", "Priya", "Emeka", "Björn", "Chloé", "Dmitri"];
const LAST_NAMES = ["Castell", "Lindqvist", "Okafor", "Moreau", "Haddad", "Sørensen", "Nakamura", "Ferreira", "Alvarez", "Novak", "Brennan", "Quist"];
const BAND_ADJECTIVES = ["Velvet", "Paper", "Neon", "Quiet", "Golden", "Hollow", "Electric", "Midnight", "Silver", "Wild", "Distant", "Crystal", "Lunar", "Static"];
const BAND_NOUNS = ["Harbors", "Lanterns", "Foxes", "Engines", "Orchards", "Satellites", "Tides", "Cathedrals", "Signals", "Gardens", "Machines", "Rivers"];
const TITLE_WORDS = ["Summer", "Glass", "Echo", "Ocean", "Fire", "Letters", "Home", "Static", "Bloom", "Gravity", "Motel", "Ghost", "Weather", "Heart", "City", "Lights", "Run", "Silence", "Dream", "Wires", "Fever", "Paradise", "Drift", "Horizon", "Mirror", "Tokyo", "Café", "Kaleidoscope", "Sunday", "Velocity"];
const LABELS = ["Harbor Records", "Night Shift Music", "Paper Moon", "Blue Ridge Recordings", "Kaleido", "Sundial Audio"];

export const VARIOUS_ARTISTS_NAME = "Various Artists";

function artistName(random: SeededRandom, used: Set<string>): string {
  for (;;) {
    const name = random.chance(0.5)
      ? `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`
      : random.chance(0.6)
        ? `The ${random.pick(BAND_ADJECTIVES)} ${random.pick(BAND_NOUNS)}`
        : `${random.pick(BAND_ADJECTIVES)} ${random.pick(BAND_NOUNS)}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

function title(random: SeededRandom, words: number): string {
  return random.sample(TITLE_WORDS, words).join(" ");
}

function releaseDate(random: SeededRandom): { releaseDate: string; releaseDatePrecision: "year" | "month" | "day" } {
  const year = random.int(1968, 2025);
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  // Old releases often carry only a year, as on Spotify.
  if (year < 1990 && random.chance(0.6)) return { releaseDate: String(year), releaseDatePrecision: "year" };
  if (random.chance(0.05)) return { releaseDate: `${year}-${String(month).padStart(2, "0")}`, releaseDatePrecision: "month" };
  return {
    releaseDate: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
    releaseDatePrecision: "day",
  };
}

function trackCount(random: SeededRandom, albumType: SimAlbumType): number {
  if (albumType === "single") return random.pick([1, 1, 1, 2, 3]);
  if (albumType === "compilation") return random.int(10, 18);
  // Mostly 6–13 tracks, with the occasional long album of 20+.
  return random.chance(0.1) ? random.int(20, 24) : random.int(6, 13);
}

function trackDuration(random: SeededRandom): number {
  if (random.chance(0.04)) return random.int(35_000, 90_000); // interludes
  return random.int(140_000, 330_000) + random.int(0, 999);
}

export function generateCatalogue(seed: string = "encore"): Catalogue {
  const random = new SeededRandom(`${seed}:catalogue`);
  const usedNames = new Set<string>();
  const artists: SimArtist[] = [];
  for (let i = 0; i < 60; i += 1) {
    // Every 6th artist has no genre; every 4th has two or three, drawn so genres are shared.
    const genreCount = i % 6 === 5 ? 0 : i % 4 === 1 ? random.int(2, 3) : 1;
    artists.push({
      id: base62Id(`${seed}:artist:${i}`),
      name: artistName(random, usedNames),
      genres: random.sample(GENRES, genreCount),
      popularity: random.int(15, 92),
      followers: random.int(800, 4_000_000),
    });
  }
  const variousArtists: SimArtist = {
    id: base62Id(`${seed}:artist:various`),
    name: VARIOUS_ARTISTS_NAME,
    genres: [],
    popularity: 0,
    followers: 0,
  };

  const albums: SimAlbum[] = [];
  const tracks: SimTrack[] = [];
  let isrcCounter = 0;

  function addTracks(album: SimAlbum, count: number, creditFor: (trackIndex: number) => string[]) {
    const discs = count >= 20 && random.chance(0.5) ? 2 : 1;
    const perDisc = Math.ceil(count / discs);
    for (let n = 0; n < count; n += 1) {
      const id = base62Id(`${seed}:track:${tracks.length}`);
      const wordCount = random.pick([1, 1, 2, 2, 3]);
      isrcCounter += 1;
      tracks.push({
        id,
        name: count === 1 ? album.name : title(random, wordCount),
        albumId: album.id,
        artistIds: creditFor(n),
        durationMs: trackDuration(random),
        explicit: random.chance(0.15),
        discNumber: Math.floor(n / perDisc) + 1,
        trackNumber: (n % perDisc) + 1,
        popularity: random.int(0, 90),
        isrc: `QZ${seed.length % 10}SIM${String(isrcCounter).padStart(7, "0")}`,
      });
      album.trackIds.push(id);
    }
  }

  function featuredFor(main: SimArtist): string[] {
    // Featured artists prefer someone sharing a genre, like real collaborations.
    const peers = artists.filter((a) => a.id !== main.id && a.genres.some((g) => main.genres.includes(g)));
    const pool = peers.length > 0 ? peers : artists.filter((a) => a.id !== main.id);
    return random.sample(pool, random.chance(0.25) ? 2 : 1).map((a) => a.id);
  }

  for (const artist of artists) {
    const albumCount = random.int(1, 3);
    for (let k = 0; k < albumCount; k += 1) {
      const albumType: SimAlbumType = random.chance(0.35) ? "single" : "album";
      const album: SimAlbum = {
        id: base62Id(`${seed}:album:${albums.length}`),
        name: title(random, random.pick([1, 2, 2, 3])),
        albumType,
        artistIds: [artist.id],
        ...releaseDate(random),
        trackIds: [],
        label: random.pick(LABELS),
        popularity: random.int(5, 85),
      };
      albums.push(album);
      addTracks(album, trackCount(random, albumType), () =>
        random.chance(0.14) ? [artist.id, ...featuredFor(artist)] : [artist.id],
      );
    }
  }

  // Compilations: album artist "Various Artists", each track by a different catalogue artist.
  for (let k = 0; k < 6; k += 1) {
    const album: SimAlbum = {
      id: base62Id(`${seed}:album:${albums.length}`),
      name: `${title(random, 2)} Collection Vol. ${k + 1}`,
      albumType: "compilation",
      artistIds: [variousArtists.id],
      ...releaseDate(random),
      trackIds: [],
      label: random.pick(LABELS),
      popularity: random.int(5, 60),
    };
    albums.push(album);
    addTracks(album, trackCount(random, "compilation"), () => [random.pick(artists).id]);
  }

  const allArtists = [...artists, variousArtists];
  const albumsByArtist = new Map<string, SimAlbum[]>();
  for (const album of albums) {
    for (const artistId of album.artistIds) {
      albumsByArtist.set(artistId, [...(albumsByArtist.get(artistId) ?? []), album]);
    }
  }
  const artistsByGenre = new Map<string, SimArtist[]>();
  for (const artist of allArtists) {
    for (const genre of artist.genres) artistsByGenre.set(genre, [...(artistsByGenre.get(genre) ?? []), artist]);
  }
  return {
    seed,
    artists: allArtists,
    albums,
    tracks,
    artistById: new Map(allArtists.map((a) => [a.id, a])),
    albumById: new Map(albums.map((a) => [a.id, a])),
    trackById: new Map(tracks.map((t) => [t.id, t])),
    albumsByArtist,
    artistsByGenre,
  };
}
