/**
 * The three MusicBrainz lookups against the MusicBrainz simulator over real HTTP: each path of
 * SPEC 12 (URL relationship, exact-name search, ambiguous name, not found, no genres), the top-5
 * cut with its tie order, the User-Agent, and the failures a client must survive. Pacing is off
 * here (tests/integration/musicbrainz/pacing.test.ts holds the one-request-per-second rule).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createMusicBrainzClient,
  memoryPacer,
  MusicBrainzBudget,
  MusicBrainzInvalidResponseError,
  MusicBrainzRateLimitedError,
  MusicBrainzTransientError,
  topGenres,
  type MusicBrainzClient,
} from "@/lib/musicbrainz";
import { startMusicBrainzSimulator, type MbLinkKind, type MusicBrainzSimulatorHandle } from "@/lib/simulator/musicbrainz";
import { expectedTopGenres } from "../../helpers/musicbrainz-reference";

const USER_AGENT = "Encore/0.1.0 ( http://127.0.0.1:3999 )";
let sim: MusicBrainzSimulatorHandle;

function client(extra: { budget?: MusicBrainzBudget; sleeps?: number[] } = {}): MusicBrainzClient {
  return createMusicBrainzClient({
    baseUrl: sim.url,
    userAgent: USER_AGENT,
    pacer: memoryPacer(0),
    budget: extra.budget,
    retryBaseDelayMs: 1,
    sleep: async (ms) => {
      extra.sleeps?.push(ms);
    },
  });
}

function entryOf(kind: MbLinkKind, skip = 0) {
  const entry = sim.catalogue.entries.filter((e) => e.kind === kind)[skip];
  if (!entry) throw new Error(`no ${kind} artist in the simulator`);
  return entry;
}

beforeAll(async () => {
  sim = await startMusicBrainzSimulator({ minIntervalMs: 0 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => sim.reset());

describe("MusicBrainz lookups against the simulator", () => {
  it("URL relationship: a linked Spotify artist resolves to its MBID in one request, named by Encore's User-Agent", async () => {
    const entry = entryOf("url");
    expect(await client().findArtistBySpotifyId(entry.spotifyArtistId)).toBe(entry.mbids[0]);
    const [request] = sim.log();
    expect(sim.log()).toHaveLength(1);
    expect(request).toMatchObject({ path: "/ws/2/url", status: 200, userAgent: USER_AGENT });
    expect(request.params).toEqual({ resource: `https://open.spotify.com/artist/${entry.spotifyArtistId}`, inc: "artist-rels", fmt: "json" });
  });

  it("URL relationship: an unlinked Spotify artist is null (404), not an error", async () => {
    expect(await client().findArtistBySpotifyId(entryOf("name-only").spotifyArtistId)).toBeNull();
    expect(await client().findArtistBySpotifyId("0000000000000000000000")).toBeNull();
    expect(sim.log().map((entry) => entry.status)).toEqual([404, 404]);
  });

  it("name search: exactly one same-name result with score 100 is accepted (another case, a same-named alias beside it)", async () => {
    const names = sim.catalogue.entries.filter((e) => e.kind === "name-only");
    for (const entry of names) {
      expect(await client().searchArtistByName(entry.name), entry.name).toEqual({ kind: "found", mbid: entry.mbids[0] });
    }
    // The simulator spells some in lower case, and gives some a tribute act whose alias is the same name.
    expect(names.some((entry) => sim.catalogue.byId.get(entry.mbids[0])!.name !== entry.name)).toBe(true);
    expect(sim.catalogue.artists.some((artist) => artist.aliases.length > 0 && names.some((entry) => artist.aliases.includes(entry.name)))).toBe(true);
    const query = sim.log()[0].params.query;
    expect(query).toBe(`artist:"${names[0].name}"`);
  });

  it("name search: two artists of the same name is ambiguous, and an unknown name finds nothing", async () => {
    const ambiguous = entryOf("ambiguous");
    expect(await client().searchArtistByName(ambiguous.name)).toEqual({ kind: "ambiguous", matches: 2 });
    expect(await client().searchArtistByName(entryOf("absent").name)).toEqual({ kind: "none" });
    // Quotes and backslashes in a name are escaped inside the phrase.
    expect(await client().searchArtistByName('The "Quoted\\ Band')).toEqual({ kind: "none" });
    expect(sim.log().at(-1)!.params.query).toBe('artist:"The \\"Quoted\\\\ Band"');
  });

  it("genres: the top five by votes, ties by name; an artist without genres has none; an unknown MBID is null", async () => {
    const many = sim.catalogue.entries.filter((e) => e.kind === "url" && sim.catalogue.byId.get(e.mbids[0])!.genres.length > 5);
    expect(many.length).toBeGreaterThan(0);
    for (const entry of many) {
      const votes = sim.catalogue.byId.get(entry.mbids[0])!.genres;
      const genres = await client().getArtistGenres(entry.mbids[0]);
      expect(genres).toEqual(expectedTopGenres(votes));
      expect(genres).toHaveLength(5);
    }
    expect(await client().getArtistGenres(entryOf("no-genres").mbids[0])).toEqual([]);
    expect(await client().getArtistGenres("00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(sim.log().every((entry) => entry.params.inc === "genres")).toBe(true);
  });

  it("the cut and the tie order in isolation: counts first, then names by code point", () => {
    const votes = [
      { name: "rock", count: 3 },
      { name: "Ärger", count: 4 },
      { name: "ambient", count: 4 },
      { name: "zouk", count: 4 },
      { name: "Zydeco", count: 4 },
      { name: "\u{1F3B5} emoji", count: 4 },
      { name: "jazz", count: 9 },
    ];
    expect(topGenres(votes)).toEqual(["jazz", "Zydeco", "ambient", "zouk", "Ärger"]);
    expect(topGenres(votes)).toEqual(expectedTopGenres(votes));
    expect(topGenres([])).toEqual([]);
  });
});

describe("faults", () => {
  it("a malformed answer is an error naming the endpoint and the field", async () => {
    sim.addFault({ path: "/ws/2/artist/", count: 1, kind: "malformed" });
    const error = await client().getArtistGenres(entryOf("url").mbids[0]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MusicBrainzInvalidResponseError);
    expect((error as Error).message).toMatch(/^GET \/ws\/2\/artist\/\{mbid\}: genres: /);
  });

  it("500s and dropped connections are retried: at most 3 attempts, each one counted", async () => {
    const entry = entryOf("url");
    sim.addFault({ path: "/ws/2/url", count: 1, kind: "500" });
    sim.addFault({ path: "/ws/2/url", count: 1, kind: "drop" });
    const budget = new MusicBrainzBudget(10);
    expect(await client({ budget }).findArtistBySpotifyId(entry.spotifyArtistId)).toBe(entry.mbids[0]);
    expect(budget.used).toBe(3);

    sim.addFault({ path: "/ws/2/url", count: 3, kind: "500" });
    const error = await client({ budget }).findArtistBySpotifyId(entry.spotifyArtistId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MusicBrainzTransientError);
    expect((error as Error).message).toContain("gave up after 3 attempts");
    expect(budget.used).toBe(6);
  });

  it("a 503 waits its Retry-After (short) and tries again; a long one is handed back with when to retry", async () => {
    const entry = entryOf("url");
    const sleeps: number[] = [];
    sim.addFault({ path: "/ws/2/url", count: 1, kind: "503", retryAfter: 3 });
    let clock = 0;
    const sleep = async (ms: number) => {
      sleeps.push(ms);
      clock += ms;
    };
    const pacerWaits = createMusicBrainzClient({ baseUrl: sim.url, userAgent: USER_AGENT, pacer: memoryPacer(1000, () => clock), sleep });
    // With a 1 s spacing, the pacer makes the retry wait for the Retry-After (3 s) rather than the spacing.
    await expect(pacerWaits.findArtistBySpotifyId(entry.spotifyArtistId)).resolves.toBe(entry.mbids[0]);
    expect(sleeps).toEqual([3000]);

    sim.addFault({ path: "/ws/2/url", count: 1, kind: "503", retryAfter: 3600 });
    const error = await client().findArtistBySpotifyId(entry.spotifyArtistId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MusicBrainzRateLimitedError);
    expect((error as MusicBrainzRateLimitedError).retryAfterSeconds).toBe(3600);
  });

  it("the simulator refuses a request without a User-Agent, as MusicBrainz does", async () => {
    const response = await fetch(`${sim.url}/ws/2/artist/${entryOf("url").mbids[0]}?inc=genres&fmt=json`, { headers: { "User-Agent": "" } });
    expect(response.status).toBe(403);
  });
});

describe("the simulator speaks MusicBrainz's JSON", () => {
  const get = async (path: string) => {
    const response = await fetch(`${sim.url}${path}`, { headers: { "User-Agent": USER_AGENT } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it("URL lookup with artist-rels, artist search, artist lookup with genres, and its errors", async () => {
    const linked = entryOf("url");
    const url = await get(`/ws/2/url?resource=${encodeURIComponent(`https://open.spotify.com/artist/${linked.spotifyArtistId}`)}&inc=artist-rels&fmt=json`);
    expect(Object.keys(url.body).sort()).toEqual(["id", "relations", "resource"]);
    const [relation] = url.body.relations as Record<string, unknown>[];
    expect(relation).toMatchObject({ "target-type": "artist", type: "free streaming", direction: "backward", ended: false, begin: null, end: null });
    expect(Object.keys(relation.artist as object).sort()).toEqual(["country", "disambiguation", "id", "name", "sort-name", "type", "type-id"]);
    // Without inc=artist-rels there are no relations at all.
    expect((await get(`/ws/2/url?resource=${encodeURIComponent(`https://open.spotify.com/artist/${linked.spotifyArtistId}`)}&fmt=json`)).body).not.toHaveProperty("relations");

    const search = await get(`/ws/2/artist?query=${encodeURIComponent(`artist:"${linked.name}"`)}&fmt=json`);
    expect(Object.keys(search.body).sort()).toEqual(["artists", "count", "created", "offset"]);
    const [best] = search.body.artists as Record<string, unknown>[];
    expect(best).toMatchObject({ id: linked.mbids[0], name: linked.name, score: 100 });
    expect(best).not.toHaveProperty("genres");

    const artist = await get(`/ws/2/artist/${linked.mbids[0]}?inc=genres&fmt=json`);
    expect(artist.body).toMatchObject({ id: linked.mbids[0], name: linked.name, "life-span": { ended: false } });
    const genres = artist.body.genres as { id: string; name: string; count: number; disambiguation: string }[];
    expect(genres.map((genre) => genre.name)).toEqual([...genres.map((genre) => genre.name)].sort());
    for (const genre of genres) expect(Object.keys(genre).sort()).toEqual(["count", "disambiguation", "id", "name"]);
    expect((await get(`/ws/2/artist/${linked.mbids[0]}?fmt=json`)).body).not.toHaveProperty("genres");

    expect(await get("/ws/2/artist/not-an-mbid?inc=genres&fmt=json")).toMatchObject({ status: 400, body: { error: "Invalid mbid." } });
    expect(await get("/ws/2/artist/00000000-0000-4000-8000-000000000000?inc=genres&fmt=json")).toMatchObject({ status: 404, body: { error: "Not Found" } });
  });
});
