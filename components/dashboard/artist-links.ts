/** Where an artist's name links: its page (SPEC 6), keeping the range the reader is looking at. */
export function artistHref(id: string, rangeSearch = ""): string {
  const path = `/dashboard/artists/${encodeURIComponent(id)}`;
  return rangeSearch ? `${path}?${rangeSearch}` : path;
}

/** The range of a local calendar year as URL parameters (the year in review's links). */
export function yearRangeSearch(year: number): string {
  return new URLSearchParams({ from: `${year}-01-01`, to: `${year + 1}-01-01` }).toString();
}

/** Credited artists as links to their pages. */
export function creditLinks(credits: readonly { id: string; name: string }[] | undefined, rangeSearch = ""): { id: string; name: string; href: string }[] {
  return (credits ?? []).map((credit) => ({ ...credit, href: artistHref(credit.id, rangeSearch) }));
}
