/** A tiny catalogue and two users' plays, for the export and account tests. */
import type { Db } from "@/lib/db/client";

export async function seedTwoListeners(db: Db) {
  await db.artist.createMany({
    data: [
      { id: "ar1", name: 'Quote "Q" Band' },
      { id: "ar2", name: "Comma, the Artist" },
      { id: "ar3", name: "Other" },
    ],
  });
  await db.album.createMany({ data: [{ id: "al1", name: "Line\nBreak Album", totalTracks: 2 }] });
  await db.track.createMany({
    data: [
      { id: "t1", name: "Plain", durationMs: 200_000, albumId: "al1" },
      { id: "t2", name: 'Say "hi", then go', durationMs: 180_000, albumId: "al1" },
      { id: "t3", name: "No album", durationMs: null, albumId: null },
    ],
  });
  await db.trackArtist.createMany({
    data: [
      { trackId: "t1", position: 0, artistId: "ar1" },
      { trackId: "t2", position: 0, artistId: "ar2" },
      { trackId: "t2", position: 1, artistId: "ar1" },
      { trackId: "t3", position: 0, artistId: "ar3" },
    ],
  });
  const me = await db.user.create({ data: { spotifyId: "me", displayName: "Me" } });
  const other = await db.user.create({ data: { spotifyId: "other", displayName: "Other" } });
  await db.play.createMany({
    data: [
      { userId: me.id, trackId: "t2", playedAt: new Date("2025-03-01T12:00:00.000Z"), msPlayed: 45_000, source: "export_extended" },
      { userId: me.id, trackId: "t1", playedAt: new Date("2025-03-01T11:00:00.000Z"), msPlayed: null, source: "recently_played" },
      { userId: me.id, trackId: "t3", playedAt: new Date("2025-03-02T08:30:00.123Z"), msPlayed: 1_000, source: "export_account" },
      { userId: other.id, trackId: "t1", playedAt: new Date("2025-03-01T10:00:00.000Z"), msPlayed: 60_000, source: "export_extended" },
    ],
  });
  return { me, other };
}

export async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}
