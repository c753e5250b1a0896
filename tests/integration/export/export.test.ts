import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../../helpers/test-database";
import { csvField, exportStream, exportedPlays } from "@/lib/export/plays";
import { readAll, seedTwoListeners } from "./catalogue-seed";

const database = useTestDatabase();
let ids: Awaited<ReturnType<typeof seedTwoListeners>>;

beforeAll(async () => {
  ids = await seedTwoListeners(database.db);
});


describe("export of one's plays", () => {
  it("JSON is an array of the user's own plays in time order, artists as names in credit order", async () => {
    const plays = JSON.parse(await readAll(exportStream(database.db, ids.me.id, "json")));
    expect(plays).toEqual([
      { playedAt: "2025-03-01T11:00:00.000Z", msPlayed: null, source: "recently_played", trackId: "t1", trackName: "Plain", artists: ['Quote "Q" Band'], albumId: "al1", albumName: "Line\nBreak Album" },
      { playedAt: "2025-03-01T12:00:00.000Z", msPlayed: 45000, source: "export_extended", trackId: "t2", trackName: 'Say "hi", then go', artists: ["Comma, the Artist", 'Quote "Q" Band'], albumId: "al1", albumName: "Line\nBreak Album" },
      { playedAt: "2025-03-02T08:30:00.123Z", msPlayed: 1000, source: "export_account", trackId: "t3", trackName: "No album", artists: ["Other"], albumId: null, albumName: null },
    ]);
  });

  it("CSV has a header and one properly quoted row per play", async () => {
    const csv = await readAll(exportStream(database.db, ids.me.id, "csv"));
    expect(csv).toBe(
      [
        "playedAt,msPlayed,source,trackId,trackName,artists,albumId,albumName",
        '2025-03-01T11:00:00.000Z,,recently_played,t1,Plain,"Quote ""Q"" Band",al1,"Line\nBreak Album"',
        '2025-03-01T12:00:00.000Z,45000,export_extended,t2,"Say ""hi"", then go","Comma, the Artist; Quote ""Q"" Band",al1,"Line\nBreak Album"',
        "2025-03-02T08:30:00.123Z,1000,export_account,t3,No album,Other,,",
        "",
      ].join("\r\n"),
    );
  });

  it("pages by keyset without losing or repeating plays, and never includes another user's", async () => {
    const pages = [];
    for await (const page of exportedPlays(database.db, ids.me.id, 2)) pages.push(page);
    expect(pages.map((page) => page.length)).toEqual([2, 1]);
    expect(pages.flat().map((play) => play.trackId)).toEqual(["t1", "t2", "t3"]);
    const json = JSON.parse(await readAll(exportStream(database.db, ids.me.id, "json", 1)));
    expect(json).toHaveLength(3);
    const others = JSON.parse(await readAll(exportStream(database.db, ids.other.id, "json")));
    expect(others.map((play: { playedAt: string }) => play.playedAt)).toEqual(["2025-03-01T10:00:00.000Z"]);
  });

  it("a user without plays gets an empty array and a header-only CSV", async () => {
    const nobody = await database.db.user.create({ data: { spotifyId: "nobody" } });
    expect(JSON.parse(await readAll(exportStream(database.db, nobody.id, "json")))).toEqual([]);
    expect(await readAll(exportStream(database.db, nobody.id, "csv"))).toBe("playedAt,msPlayed,source,trackId,trackName,artists,albumId,albumName\r\n");
  });

  it("quotes fields with commas, quotes, line breaks or edge spaces", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "x"')).toBe('"say ""x"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(" padded")).toBe('" padded"');
    expect(csvField(null)).toBe("");
    expect(csvField(0)).toBe("0");
  });
});
