import { describe, expect, it } from "vitest";
import { generateCatalogue, generateListenerPlays, generateListeners, NAMED_LISTENERS } from "@/lib/simulator";
import { localDateOf, zoneOffsetMs } from "@/lib/simulator/time-zone";

const catalogue = generateCatalogue("encore");

describe("catalogue", () => {
  it("is deterministic from the seed, with Spotify-like base62 ids", () => {
    const again = generateCatalogue("encore");
    expect(again.tracks.map((t) => t.id)).toEqual(catalogue.tracks.map((t) => t.id));
    expect(again.artists.map((a) => a.name)).toEqual(catalogue.artists.map((a) => a.name));
    expect(generateCatalogue("other").tracks[0].id).not.toBe(catalogue.tracks[0].id);
    const ids = [...catalogue.artists, ...catalogue.albums, ...catalogue.tracks].map((x) => x.id);
    for (const id of ids) expect(id).toMatch(/^[0-9A-Za-z]{22}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("has artists with several genres, with none, and shared genres", () => {
    expect(catalogue.artists.length).toBeGreaterThanOrEqual(60);
    expect(catalogue.artists.filter((a) => a.genres.length === 0).length).toBeGreaterThanOrEqual(5);
    expect(catalogue.artists.filter((a) => a.genres.length >= 2).length).toBeGreaterThanOrEqual(5);
    expect([...catalogue.artistsByGenre.values()].some((artists) => artists.length >= 3)).toBe(true);
  });

  it("has albums of every size, compilations, and tracks with featured artists", () => {
    const sizes = catalogue.albums.map((a) => a.trackIds.length);
    expect(catalogue.albums.length).toBeGreaterThanOrEqual(110);
    expect(sizes).toContain(1);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(20);
    expect(catalogue.albums.some((a) => a.albumType === "compilation")).toBe(true);
    expect(catalogue.albums.some((a) => a.albumType === "single")).toBe(true);
    expect(catalogue.tracks.length).toBeGreaterThanOrEqual(700);
    expect(catalogue.tracks.filter((t) => t.artistIds.length >= 2).length).toBeGreaterThan(30);
    expect(catalogue.tracks.some((t) => t.artistIds.length === 3)).toBe(true);
    for (const album of catalogue.albums) {
      album.trackIds.forEach((id) => expect(catalogue.trackById.get(id)!.albumId).toBe(album.id));
    }
  });
});

describe("listeners and their plays", () => {
  it("has the four named listeners in their time zones, plus generated ones", () => {
    expect(NAMED_LISTENERS.map((l) => [l.id, l.displayName, l.timeZone])).toEqual([
      ["ada", "Ada Listener", "Europe/Berlin"],
      ["ben", "Ben Okafor", "America/New_York"],
      ["chandra", "Chandra Iyer", "Asia/Kolkata"],
      ["dana", "Dana Kowalski", "UTC"],
    ]);
    const listeners = generateListeners(catalogue, 1000);
    expect(listeners).toHaveLength(1004);
    expect(listeners[4].id).toBe("listener-0001");
    expect(listeners[1003].id).toBe("listener-1000");
    expect(zoneOffsetMs("Asia/Kolkata", Date.UTC(2026, 0, 1))).toBe(5.5 * 3_600_000);
  });

  it("gives the same plays for a day whatever range asks for it", () => {
    const ada = NAMED_LISTENERS[0];
    const year = generateListenerPlays(catalogue, ada, { from: new Date("2025-01-01T00:00:00Z"), to: new Date("2026-01-01T00:00:00Z") });
    const week = generateListenerPlays(catalogue, ada, { from: new Date("2025-06-02T00:00:00Z"), to: new Date("2025-06-09T00:00:00Z") });
    const sameWeek = year.filter((p) => p.playedAt >= new Date("2025-06-02T00:00:00Z") && p.playedAt < new Date("2025-06-09T00:00:00Z"));
    expect(week).toEqual(sameWeek);
    expect(year.length).toBeGreaterThan(2000);
    for (let i = 1; i < year.length; i += 1) expect(year[i].playedAt.getTime()).toBeGreaterThanOrEqual(year[i - 1].playedAt.getTime());
  });

  it("follows each listener's habits: rhythm in local time, skips, albums played through, changing favourites", () => {
    const range = { from: new Date("2025-01-01T00:00:00Z"), to: new Date("2025-07-01T00:00:00Z") };
    const [ada, ben, chandra, dana] = NAMED_LISTENERS;
    const localHour = (at: Date, timeZone: string) => Number(new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" }).format(at));

    const chandraPlays = generateListenerPlays(catalogue, chandra, range);
    const mornings = chandraPlays.filter((p) => localHour(p.playedAt, chandra.timeZone) < 12).length;
    expect(mornings / chandraPlays.length).toBeGreaterThan(0.6);

    const benPlays = generateListenerPlays(catalogue, ben, range);
    const skipRate = (plays: typeof benPlays) => plays.filter((p) => p.msPlayed < 30_000).length / plays.length;
    expect(skipRate(benPlays)).toBeGreaterThan(skipRate(chandraPlays));

    const danaPlays = generateListenerPlays(catalogue, dana, range);
    const weekend = danaPlays.filter((p) => [0, 6].includes(p.playedAt.getUTCDay())).length;
    expect(weekend / danaPlays.length).toBeLessThan(0.15);

    const adaPlays = generateListenerPlays(catalogue, ada, range);
    expect(adaPlays.some((p) => p.contextAlbumId)).toBe(true);
    const topArtists = (month: string) => {
      const counts = new Map<string, number>();
      for (const p of adaPlays.filter((x) => localDateOf(x.playedAt.getTime(), ada.timeZone).startsWith(month))) {
        const artist = catalogue.trackById.get(p.trackId)!.artistIds[0];
        counts.set(artist, (counts.get(artist) ?? 0) + 1);
      }
      return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([id]) => id);
    };
    expect(topArtists("2025-01")).not.toEqual(topArtists("2025-05"));
    for (const p of adaPlays) expect(p.msPlayed).toBeGreaterThan(0);
  });
});
