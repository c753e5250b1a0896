/**
 * An independent model of SPEC section 4's import rules, written plainly over parsed entries so
 * the import tests can compare the database with what the rules say, entry by entry. It shares
 * no code with lib/import; only the catalogue's provisional id scheme (lib/catalog) is reused.
 */
import { provisionalTrackId } from "@/lib/catalog";

export type RefSource = "recently_played" | "export_extended" | "export_account";

export type RefPlay = {
  trackId: string;
  playedAt: number;
  msPlayed: number | null;
  source: RefSource;
  reasonStart: string | null;
  reasonEnd: string | null;
  shuffle: boolean | null;
  skipped: boolean | null;
  offline: boolean | null;
  platform: string | null;
  country: string | null;
  /** Which import stored (or last replaced) it; null for recently-played plays. */
  importNumber: number | null;
};

export type RefFile = { name: string; kind: "extended" | "account"; entries: Record<string, unknown>[] };

export type RefReasons = {
  skipped: { episode: number; audiobook: number; localFile: number; noTrack: number; before2008: number; future: number };
  duplicates: { sameImport: number; stored: number; mergedIntoRecentlyPlayed: number };
};

export type RefSummary = { files: number; entries: number; inserted: number; duplicates: number; skipped: number; reasons: RefReasons };

/** What the catalogue knows of a track: its title and credited artists. */
export type RefCatalogue = Map<string, { name: string; artists: string[] }>;

export type RefState = { plays: RefPlay[]; catalogue: RefCatalogue; imports: number };

export function emptyState(): RefState {
  return { plays: [], catalogue: new Map(), imports: 0 };
}

type Staged = RefPlay & { seq: number; title: string; artist: string | null };

const EARLIEST = Date.UTC(2008, 0, 1);

function str(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function bool(value: unknown): boolean | null {
  return typeof value === "boolean" ? value : null;
}

function filled(value: unknown): boolean {
  return typeof value === "string" && value.length > 0;
}

const lower = (text: string) => text.toLowerCase();

function sameSong(catalogue: RefCatalogue, trackId: string, title: string, artist: string): boolean {
  const track = catalogue.get(trackId);
  return !!track && lower(track.name) === lower(title) && track.artists.some((name) => lower(name) === lower(artist));
}

/** The nearest play satisfying `accepts` within `windowMs`, the earlier on a tie. */
function nearest(plays: RefPlay[], at: number, windowMs: number, accepts: (play: RefPlay) => boolean): RefPlay | null {
  let best: RefPlay | null = null;
  for (const play of plays) {
    const distance = Math.abs(play.playedAt - at);
    if (distance > windowMs || !accepts(play)) continue;
    if (!best || distance < Math.abs(best.playedAt - at) || (distance === Math.abs(best.playedAt - at) && play.playedAt < best.playedAt)) best = play;
  }
  return best;
}

/** Applies one import to `state` (mutated) and returns its summary. Files are read in the order given. */
export function referenceImport(state: RefState, files: RefFile[], now: number): RefSummary {
  state.imports += 1;
  const importNumber = state.imports;
  const reasons: RefReasons = {
    skipped: { episode: 0, audiobook: 0, localFile: 0, noTrack: 0, before2008: 0, future: 0 },
    duplicates: { sameImport: 0, stored: 0, mergedIntoRecentlyPlayed: 0 },
  };
  let entries = 0;
  const staged: Staged[] = [];
  for (const file of files) {
    for (const entry of file.entries) {
      entries += 1;
      const seq = entries;
      if (file.kind === "extended") {
        const uri = str(entry.spotify_track_uri) ?? "";
        if (!uri.startsWith("spotify:track:")) {
          if (filled(entry.spotify_episode_uri)) reasons.skipped.episode += 1;
          else if (filled(entry.audiobook_uri) || filled(entry.audiobook_chapter_uri)) reasons.skipped.audiobook += 1;
          else if (uri.startsWith("spotify:local:")) reasons.skipped.localFile += 1;
          else reasons.skipped.noTrack += 1;
          continue;
        }
        const playedAt = Date.parse(str(entry.ts)!);
        if (playedAt < EARLIEST) {
          reasons.skipped.before2008 += 1;
          continue;
        }
        if (playedAt > now) {
          reasons.skipped.future += 1;
          continue;
        }
        const trackId = uri.slice("spotify:track:".length);
        const title = str(entry.master_metadata_track_name);
        const artist = str(entry.master_metadata_album_artist_name);
        if (!state.catalogue.has(trackId)) state.catalogue.set(trackId, { name: title ?? trackId, artists: artist === null ? [] : [artist] });
        staged.push({
          seq,
          trackId,
          playedAt,
          msPlayed: entry.ms_played as number,
          source: "export_extended",
          reasonStart: str(entry.reason_start),
          reasonEnd: str(entry.reason_end),
          shuffle: bool(entry.shuffle),
          skipped: bool(entry.skipped),
          offline: bool(entry.offline),
          platform: str(entry.platform),
          country: str(entry.conn_country),
          importNumber,
          title: title ?? trackId,
          artist,
        });
      } else {
        const artist = entry.artistName as string;
        const title = entry.trackName as string;
        if (artist.trim() === "" && title.trim() === "") {
          reasons.skipped.noTrack += 1;
          continue;
        }
        const playedAt = Date.parse(`${(entry.endTime as string).replace(" ", "T")}:00Z`);
        if (playedAt < EARLIEST) {
          reasons.skipped.before2008 += 1;
          continue;
        }
        if (playedAt > now) {
          reasons.skipped.future += 1;
          continue;
        }
        const trackId = provisionalTrackId(artist, title);
        if (!state.catalogue.has(trackId)) state.catalogue.set(trackId, { name: title, artists: [artist] });
        staged.push({
          seq,
          trackId,
          playedAt,
          msPlayed: entry.msPlayed as number,
          source: "export_account",
          reasonStart: null,
          reasonEnd: null,
          shuffle: null,
          skipped: null,
          offline: null,
          platform: null,
          country: null,
          importNumber,
          title,
          artist,
        });
      }
    }
  }

  // One play per track and instant: the greatest ms played, the first staged on a tie.
  const winners = new Map<string, Staged>();
  for (const play of staged) {
    const key = `${play.trackId}@${play.playedAt}`;
    const kept = winners.get(key);
    if (!kept) winners.set(key, play);
    else {
      reasons.duplicates.sameImport += 1;
      if ((play.msPlayed ?? 0) > (kept.msPlayed ?? 0)) winners.set(key, play);
    }
  }
  const kept = [...winners.values()].sort((a, b) => a.seq - b.seq);
  let inserted = 0;
  const touched = new Set<RefPlay>();
  const strip = (play: Staged): RefPlay => {
    const row: Partial<Staged> = { ...play };
    delete row.seq;
    delete row.title;
    delete row.artist;
    return row as RefPlay;
  };

  // Extended history, compared with the plays stored before this import.
  const before = [...state.plays];
  const extended = kept.filter((play) => play.source === "export_extended");
  const unmatched: Staged[] = [];
  const mergeCandidates = new Map<RefPlay, Staged[]>();
  for (const play of extended) {
    const match = nearest(before, play.playedAt, 10_000, (stored) => stored.trackId === play.trackId);
    if (!match) {
      unmatched.push(play);
      continue;
    }
    if (match.source === "recently_played" && match.msPlayed === null) reasons.duplicates.mergedIntoRecentlyPlayed += 1;
    else reasons.duplicates.stored += 1;
    if (match.source === "recently_played") mergeCandidates.set(match, [...(mergeCandidates.get(match) ?? []), play]);
  }
  for (const [stored, candidates] of mergeCandidates) {
    const from = candidates.sort((a, b) => Math.abs(a.playedAt - stored.playedAt) - Math.abs(b.playedAt - stored.playedAt) || a.playedAt - b.playedAt || a.seq - b.seq)[0];
    Object.assign(stored, {
      msPlayed: from.msPlayed,
      reasonStart: from.reasonStart ?? stored.reasonStart,
      reasonEnd: from.reasonEnd ?? stored.reasonEnd,
      shuffle: from.shuffle ?? stored.shuffle,
      skipped: from.skipped ?? stored.skipped,
      offline: from.offline ?? stored.offline,
      platform: from.platform ?? stored.platform,
      country: from.country ?? stored.country,
    });
    touched.add(stored);
  }
  // An unmatched extended play takes the place of a stored account-data play of the same song within 60 s.
  const replacing = new Map<RefPlay, Staged>();
  for (const play of unmatched) {
    const track = state.catalogue.get(play.trackId)!;
    const match = nearest(before, play.playedAt, 60_000, (stored) => stored.source === "export_account" && track.artists.some((artist) => sameSong(state.catalogue, stored.trackId, track.name, artist)));
    if (!match) continue;
    const current = replacing.get(match);
    const closer = (a: Staged) => Math.abs(a.playedAt - match.playedAt);
    if (!current || closer(play) < closer(current) || (closer(play) === closer(current) && play.seq < current.seq)) replacing.set(match, play);
  }
  const replaced = new Set(replacing.values());
  for (const [stored, play] of replacing) {
    Object.assign(stored, strip(play));
    touched.add(stored);
    reasons.duplicates.stored += 1;
  }
  for (const play of unmatched) {
    if (replaced.has(play)) continue;
    const row = strip(play);
    state.plays.push(row);
    touched.add(row);
    inserted += 1;
  }

  // Account data, compared with every play stored so far, this import's extended history included.
  const snapshot = [...state.plays];
  const accountMerges = new Map<RefPlay, Staged>();
  for (const play of kept.filter((candidate) => candidate.source === "export_account")) {
    const match = nearest(snapshot, play.playedAt, 60_000, (stored) => sameSong(state.catalogue, stored.trackId, play.title, play.artist!));
    if (!match) {
      state.plays.push(strip(play));
      inserted += 1;
    } else if (touched.has(match)) reasons.duplicates.sameImport += 1;
    else if (match.source === "recently_played" && match.msPlayed === null) reasons.duplicates.mergedIntoRecentlyPlayed += 1;
    else reasons.duplicates.stored += 1;
    if (match && !touched.has(match) && match.source === "recently_played") {
      const current = accountMerges.get(match);
      const distance = (a: Staged) => Math.abs(a.playedAt - match.playedAt);
      if (!current || distance(play) < distance(current) || (distance(play) === distance(current) && (play.playedAt < current.playedAt || (play.playedAt === current.playedAt && play.seq < current.seq)))) accountMerges.set(match, play);
    }
  }
  for (const [stored, from] of accountMerges) stored.msPlayed = from.msPlayed;

  const skipped = Object.values(reasons.skipped).reduce((a, b) => a + b, 0);
  const duplicates = Object.values(reasons.duplicates).reduce((a, b) => a + b, 0);
  return { files: files.length, entries, inserted, duplicates, skipped, reasons };
}
