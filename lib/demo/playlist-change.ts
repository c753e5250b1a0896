/**
 * The demo's playlist that changes: once the demo listener's playlists have been collected, Ada
 * edits her first playlist in the simulator (one track out, two in) and her playlists are
 * collected again at once, so the playlist's history on /dashboard/playlists/[id] has an entry.
 */
import type { Db } from "@/lib/db/client";
import { collectPlaylistsNow } from "@/lib/playlists/collect-now";
import type { SimulatorHandle } from "@/lib/simulator";
import { DEMO_LISTENER_ID } from "./history";

/**
 * What happened: `line` for the demo's log when it changed the playlist now; `settled` once there
 * is nothing left to do (changed now or before, or no such playlist), so the caller stops asking.
 */
export type DemoPlaylistChange = { line: string | null; settled: boolean };

export async function changeDemoPlaylistOnce(db: Db, simulator: SimulatorHandle): Promise<DemoPlaylistChange> {
  const user = await db.user.findUnique({ where: { spotifyId: DEMO_LISTENER_ID }, select: { id: true } });
  if (!user) return { line: null, settled: false };
  const target = simulator.playlists(DEMO_LISTENER_ID).find((playlist) => playlist.ownerId === DEMO_LISTENER_ID && !playlist.collaborative);
  if (!target) return { line: null, settled: true };
  // Only right after the first collection: later rounds (and restarts) leave it alone.
  const versions = await db.playlistVersion.count({ where: { userId: user.id, playlistId: target.id } });
  if (versions !== 1) return { line: null, settled: versions > 1 };
  simulator.changePlaylist(target.id, { remove: 1, add: 2 });
  const result = await collectPlaylistsNow({ db, spotifyId: DEMO_LISTENER_ID });
  return {
    line: `Demo: Ada changed her playlist "${target.name}" (one track out, two in); her playlists were collected again (${result.status}, ${result.stored} new version).`,
    settled: true,
  };
}

/**
 * Asks every `everyMs` until settled, one call at a time: the first collection of Ada's playlists
 * may be the app's (her sign-in's) as well as one of the demo's runs, so the demo does not wait
 * for a run of its own to notice it.
 */
export function watchDemoPlaylistChange(ask: () => Promise<DemoPlaylistChange>, log: (line: string) => void, everyMs: number): { stop(): void } {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    ask()
      .then(({ line, settled }) => {
        if (line) log(line);
        if (settled) clearInterval(timer);
      })
      .catch((error: unknown) => {
        // Not again: the simulator's playlist may have changed already; the runs collect it.
        clearInterval(timer);
        log(`Demo: the playlist change failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
      })
      .finally(() => (busy = false));
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
