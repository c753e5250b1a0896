import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { pickLocale } from "@/lib/format/locale";
import { formatLocalDate } from "@/lib/format/dates";
import { localDateOf } from "@/lib/stats/local-time";
import { shareImageUrl, shareUrl } from "@/lib/shares";
import { AppProviders } from "@/components/providers/AppProviders";
import { loadLiveShare, sharedTitle } from "@/components/shares/load-shared";
import { SharedOverview } from "@/components/shares/SharedOverview";
import { YearCards } from "@/components/wrapped/YearCards";
import { summariseYear } from "@/components/wrapped/year-summary";

/** As text: a shared page links nowhere. */
const MUSICBRAINZ_CREDIT = "Genres from MusicBrainz, CC BY-NC-SA";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }> };

/** Open Graph and Twitter card tags pointing at the link's image; an unknown, revoked or expired link is a 404 like any other. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { token } = await params;
  const share = await loadLiveShare(token);
  if (!share) notFound();
  const title = sharedTitle(share, "en-US");
  const description = "Listening figures shared from Encore, a self-hosted Spotify Wrapped.";
  const image = { url: shareImageUrl(token), width: 1200, height: 630, alt: title };
  return {
    title: { absolute: title },
    description,
    robots: { index: false, follow: false },
    openGraph: { type: "website", title, description, url: shareUrl(token), siteName: "Encore", images: [image] },
    twitter: { card: "summary_large_image", title, description, images: [image.url] },
  };
}

/**
 * A share link's page (SPEC §11): the snapshot taken when the link was made, for anyone with the
 * link, signed in or not. It reads no plays and links nowhere.
 */
export default async function SharedPage({ params }: Props) {
  const { token } = await params;
  const share = await loadLiveShare(token);
  if (!share) notFound();
  const locale = pickLocale((await headers()).get("accept-language"));
  const { snapshot } = share;
  return (
    <AppProviders locale={locale}>
      <div className="shell shared-page">
        <header className="shell-header">
          <span className="brand">
            <span className="brand-mark" aria-hidden="true" />
            Encore
          </span>
        </header>
        <main id="main" className="shell-main">
          <div className="page-heading">
            <h1 data-testid="shared-title">{sharedTitle(share, locale)}</h1>
            <p className="muted">
              Figures as of {formatLocalDate(localDateOf(share.createdAt, snapshot.timeZone), locale)}, dates and hours in {snapshot.timeZone}.
            </p>
          </div>
          {snapshot.totals.streams === 0 ? (
            <p className="muted" data-testid="shared-empty">
              No listening in this period.
            </p>
          ) : share.kind === "wrapped" ? (
            <div className="wrapped">
              <YearCards
                summary={summariseYear(share.year, snapshot)}
                locale={locale}
                timeZone={snapshot.timeZone}
                genreNote={snapshot.genresFromMusicBrainz && <p className="wrapped-sub small">{MUSICBRAINZ_CREDIT}.</p>}
              />
            </div>
          ) : (
            <SharedOverview snapshot={snapshot} locale={locale} />
          )}
          {snapshot.genresFromMusicBrainz && snapshot.totals.streams > 0 && share.kind === "overview" && (
            <p className="muted small">{MUSICBRAINZ_CREDIT}.</p>
          )}
        </main>
      </div>
    </AppProviders>
  );
}
