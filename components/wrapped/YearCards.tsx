/**
 * The year in review's cards (components/wrapped/year-cards.ts), on the user's own page, where
 * artist names link to their pages, and on a shared link, which links nowhere (`links` absent).
 */
import Link from "next/link";
import type { YearSummary } from "@/components/wrapped/year-summary";
import { yearCards } from "@/components/wrapped/year-cards";
import { WrappedCard } from "@/components/wrapped/WrappedCard";
import { CreditLinks, type ArtistLink } from "@/components/dashboard/CreditLinks";

export type YearCardLinks = { artistHref: (id: string) => string; topTrackCredits: ArtistLink[] };

export function YearCards({ summary, locale, timeZone, links }: { summary: YearSummary; locale: string; timeZone: string; links?: YearCardLinks }) {
  return (
    <div className="wrapped-cards">
      {yearCards(summary, locale, timeZone).map((card) => (
        <WrappedCard key={card.testId} kicker={card.kicker} testId={card.testId} value={card.value}>
          <div className="wrapped-big">
            {links && card.artistId ? (
              <Link href={links.artistHref(card.artistId)} className="artist-link">
                {card.big}
              </Link>
            ) : (
              card.big
            )}
          </div>
          <p className="wrapped-sub">
            {links && card.track && links.topTrackCredits.length ? (
              <>
                by <CreditLinks inline links={links.topTrackCredits} /> · {card.track.afterCredits}
              </>
            ) : (
              card.sub
            )}
          </p>
        </WrappedCard>
      ))}
    </div>
  );
}
