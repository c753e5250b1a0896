/**
 * The demo's playlist that changes: once the demo listener's playlists have been collected, Ada
 * edits her first playlist in the simulator (one track out, two in) and her playlists are
 * collected again at once, so the playlist's history on /dashboard/playlists/[id] has an entry.
 */
import type { Db } from "@/lib/db/client";
import { collectPlaylistsNow } from "@/lib/playlists/collect-now";
import type { SimulatorHandle } from "@/lib/simulator";
import { DEMO_LISTENER_ID } from "./history";

/** Returns a line for the demo's log when it changed the playlist, null when there was nothing to do. */
export async function changeDemoPlaylistOnce(db: Db, simulator: SimulatorHandle): Promise<string | null> {
  const user = await db.user.findUnique({ where: { spotifyId: DEMO_LISTENER_ID }, select: { id: true } });
  if (!user) return null;
  const target = simulator.playlists(DEMO_LISTENER_ID).find((playlist) => playlist.ownerId === DEMO_LISTENER_ID && !playlist.collaborative);
  if (!target) return null;
  // Only right after the first collection: later rounds (and restarts) leave it alone.
  const versions = await db.playlistVersion.count({ where: { userId: user.id, playlistId: target.id } });
  if (versions !== 1) return null;
  simulator.changePlaylist(target.id, { remove: 1, add: 2 });
  const result = await collectPlaylistsNow({ db, spotifyId: DEMO_LISTENER_ID });
  return `Demo: Ada changed her playlist "${target.name}" (one track out, two in); her playlists were collected again (${result.status}, ${result.stored} new version).`;
}
