import type { Db } from "@/lib/db/client";

export type PlaylistChange = {
  collectedAt: Date;
  snapshotId: string;
  added: { id: string; name: string }[];
  removed: { id: string; name: string }[];
};

type Row = { version_id: bigint; snapshot_id: string; collected_at: Date; change: "added" | "removed" | null; track_id: string | null; name: string | null };

/**
 * Between each stored version of the playlist and the one before it, the tracks added and
 * removed (SPEC §10), newest version first. Compared as multisets of track ids: the k-th
 * occurrence of a track is added when the older version has fewer than k, removed likewise.
 * Added tracks are in the newer version's order, removed ones in the older's. Entries without a
 * track id (local files, episodes) take no part. The first version has no change entry.
 */
export async function playlistChanges(db: Pick<Db, "$queryRaw">, userId: string, playlistId: string): Promise<PlaylistChange[]> {
  const rows = await db.$queryRaw<Row[]>`
    WITH versions AS (
      SELECT id, snapshot_id, collected_at, lag(id) OVER (ORDER BY collected_at, id) AS previous_id
      FROM playlist_versions WHERE user_id = ${userId} AND playlist_id = ${playlistId}
    ),
    occurrences AS (
      SELECT e.version_id, e.track_id, e.position,
        row_number() OVER (PARTITION BY e.version_id, e.track_id ORDER BY e.position) AS occurrence
      FROM playlist_entries e
      WHERE e.version_id IN (SELECT id FROM versions) AND e.track_id IS NOT NULL
    ),
    diff AS (
      SELECT v.id AS version_id, 'added' AS change, o.track_id, o.position
      FROM versions v JOIN occurrences o ON o.version_id = v.id
      WHERE v.previous_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM occurrences p WHERE p.version_id = v.previous_id AND p.track_id = o.track_id AND p.occurrence = o.occurrence)
      UNION ALL
      SELECT v.id, 'removed', p.track_id, p.position
      FROM versions v JOIN occurrences p ON p.version_id = v.previous_id
      WHERE NOT EXISTS (SELECT 1 FROM occurrences o WHERE o.version_id = v.id AND o.track_id = p.track_id AND o.occurrence = p.occurrence)
    )
    SELECT v.id AS version_id, v.snapshot_id, v.collected_at, d.change, d.track_id, t.name
    FROM versions v
    LEFT JOIN diff d ON d.version_id = v.id
    LEFT JOIN tracks t ON t.id = d.track_id
    WHERE v.previous_id IS NOT NULL
    ORDER BY v.collected_at DESC, v.id DESC, d.change, d.position`;
  const changes: PlaylistChange[] = [];
  let current: (PlaylistChange & { versionId: bigint }) | undefined;
  for (const row of rows) {
    if (!current || current.versionId !== row.version_id) {
      current = { versionId: row.version_id, collectedAt: row.collected_at, snapshotId: row.snapshot_id, added: [], removed: [] };
      changes.push(current);
    }
    if (row.change && row.track_id) current[row.change].push({ id: row.track_id, name: row.name ?? row.track_id });
  }
  return changes.map(({ collectedAt, snapshotId, added, removed }) => ({ collectedAt, snapshotId, added, removed }));
}
