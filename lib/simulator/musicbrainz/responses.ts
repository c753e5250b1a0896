import type { MbArtist, MusicBrainzCatalogue } from "./catalogue";
import { mbidFor } from "./catalogue";

// MusicBrainz's JSON (ws/2, fmt=json) for the three lookups Encore makes, field for field as the
// real service writes them (keys with hyphens, nulls where nothing is known, "genres" only when
// asked for with inc=genres, "relations" only with inc=artist-rels).

const TYPE_IDS: Record<MbArtist["type"], string> = {
  Person: "b6e035f4-3ce9-331c-97df-83397230b0df",
  Group: "e431f5f6-b5d2-343d-8b36-72607fffb74b",
};
/** The "free streaming" relationship type between an artist and a URL (Spotify's artist pages). */
const FREE_STREAMING_TYPE_ID = "769085a1-c2f7-4c24-a532-2375a77693bd";

export const HELP = "For usage, please see: https://musicbrainz.org/development/mmd";
export const RATE_LIMIT_MESSAGE =
  "Your requests are exceeding the allowable rate limit. Please see https://wiki.musicbrainz.org/XMLWebService for more information.";

function artistCore(artist: MbArtist) {
  return {
    id: artist.id,
    name: artist.name,
    "sort-name": artist.sortName,
    type: artist.type,
    "type-id": TYPE_IDS[artist.type],
    disambiguation: artist.disambiguation,
  };
}

/** GET /ws/2/url?resource=...[&inc=artist-rels] */
export function urlEntity(catalogue: MusicBrainzCatalogue, spotifyId: string, resource: string, withArtistRels: boolean) {
  const urlId = catalogue.urlIds.get(spotifyId)!;
  const artists = catalogue.artists.filter((artist) => artist.spotifyIds.includes(spotifyId));
  return {
    id: urlId,
    resource,
    ...(withArtistRels
      ? {
          relations: artists.map((artist) => ({
            type: "free streaming",
            "type-id": FREE_STREAMING_TYPE_ID,
            "target-type": "artist",
            direction: "backward",
            "source-credit": "",
            "target-credit": "",
            begin: null,
            end: null,
            ended: false,
            attributes: [],
            "attribute-ids": {},
            "attribute-values": {},
            artist: { ...artistCore(artist), country: artist.country },
          })),
        }
      : {}),
  };
}

/** GET /ws/2/artist?query=... : one search result. */
export function searchMatch(artist: MbArtist, score: number) {
  return {
    ...artistCore(artist),
    score,
    country: artist.country,
    area: { id: mbidFor(`area:${artist.country}`), type: "Country", "type-id": "06dd0ae4-8c74-30bb-b43d-95dcedf961de", name: artist.country, "sort-name": artist.country, "life-span": { ended: null } },
    "life-span": { begin: artist.begin, ended: null },
    ...(artist.aliases.length
      ? { aliases: artist.aliases.map((alias) => ({ "sort-name": alias, name: alias, locale: null, type: "Artist name", primary: null, "begin-date": null, "end-date": null })) }
      : {}),
    // The search index carries folksonomy tags (not genres).
    tags: artist.genres.map((genre) => ({ count: genre.count, name: genre.name })),
  };
}

/** GET /ws/2/artist/{mbid}[?inc=genres] */
export function artistEntity(artist: MbArtist, withGenres: boolean) {
  return {
    ...artistCore(artist),
    country: artist.country,
    gender: null,
    "gender-id": null,
    "life-span": { begin: artist.begin, end: null, ended: false },
    area: null,
    "begin-area": null,
    "end-area": null,
    ipis: [],
    isnis: [],
    ...(withGenres
      ? {
          genres: [...artist.genres]
            .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
            .map((genre) => ({ id: mbidFor(`genre:${genre.name}`), name: genre.name, count: genre.count, disambiguation: "" })),
        }
      : {}),
  };
}
