/** A shared range: the overview's figures and top lists from the link's snapshot, linking nowhere. */
import { formatCount, formatDays, formatHours, formatMinutes } from "@/lib/format/numbers";
import { formatDateRange } from "@/lib/format/dates";
import type { ShareSnapshot } from "@/lib/shares";
import { StatCard } from "@/components/dashboard/StatCard";
import { RankedList, type RankedItem } from "@/components/dashboard/RankedList";

function TopList({ title, testId, items }: { title: string; testId: string; items: RankedItem[] }) {
  return (
    <section className="card">
      <header className="card-header">
        <h2 className="card-title">{title}</h2>
      </header>
      {items.length ? <RankedList testId={testId} label={title} by="streams" items={items} showArtwork={false} /> : <p className="muted">None in this range.</p>}
    </section>
  );
}

export function SharedOverview({ snapshot, locale }: { snapshot: ShareSnapshot; locale: string }) {
  const { totals } = snapshot;
  const longest = snapshot.streaks.longest;
  return (
    <>
      <section className="stat-grid stat-grid-six" aria-label="Totals">
        <StatCard testId="total-minutes" label="Minutes listened" value={Math.floor(totals.msListened / 60_000)} display={formatMinutes(totals.msListened, locale)} hint={`${formatHours(totals.msListened, locale)} hours`} />
        <StatCard testId="total-streams" label="Streams" value={totals.streams} display={formatCount(totals.streams, locale)} hint={`of ${formatCount(totals.plays, locale)} plays`} />
        <StatCard testId="unique-artists" label="Artists" value={totals.uniqueArtists} display={formatCount(totals.uniqueArtists, locale)} hint={`${formatCount(totals.newArtists, locale)} new`} />
        <StatCard testId="unique-tracks" label="Tracks" value={totals.uniqueTracks} display={formatCount(totals.uniqueTracks, locale)} />
        <StatCard testId="unique-albums" label="Albums" value={totals.uniqueAlbums} display={formatCount(totals.uniqueAlbums, locale)} />
        <StatCard testId="longest-streak" label="Longest streak" value={longest.days} display={formatDays(longest.days, locale)} hint={longest.days ? formatDateRange(longest.start, longest.end, locale) : undefined} />
      </section>
      <div className="top-grid">
        <TopList title="Top artists" testId="top-artists" items={snapshot.topArtists} />
        <TopList title="Top tracks" testId="top-tracks" items={snapshot.topTracks.map((track) => ({ ...track, subtitle: track.artists.join(", ") }))} />
        <TopList title="Top albums" testId="top-albums" items={snapshot.topAlbums} />
        <TopList title="Top genres" testId="top-genres" items={snapshot.topGenres.map((genre) => ({ ...genre, id: genre.name }))} />
      </div>
    </>
  );
}
