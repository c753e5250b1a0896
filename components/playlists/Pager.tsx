import Link from "next/link";
import { formatCount } from "@/lib/format/numbers";
import styles from "./playlists.module.css";

/** `?page=` as a page number from 1 (anything else: the first page). */
export function pageParam(value: string | string[] | undefined): number {
  const text = Array.isArray(value) ? value[0] : value;
  const page = text && /^[1-9]\d{0,5}$/.test(text) ? Number(text) : 1;
  return page;
}

/**
 * Which `perPage` items of `total` a page shows, and links to the pages before and after it;
 * `hrefOf(page)` is a page's address (the first page's has no `page` parameter).
 */
export function Pager({ page, perPage, total, noun, hrefOf, locale }: { page: number; perPage: number; total: number; noun: string; hrefOf: (page: number) => string; locale: string }) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages === 1) return null;
  const first = (page - 1) * perPage + 1;
  const last = Math.min(total, page * perPage);
  return (
    <nav className={styles.pager} aria-label="Pages" data-testid="pager">
      <span className="muted small">
        {formatCount(first, locale)}–{formatCount(last, locale)} of {formatCount(total, locale)} {noun}
      </span>
      <span className="segmented">
        {page > 1 && (
          <Link className="chip" href={hrefOf(page - 1)} rel="prev">
            ← Previous
          </Link>
        )}
        <span className="chip" aria-current="true">
          Page {formatCount(page, locale)} of {formatCount(pages, locale)}
        </span>
        {page < pages && (
          <Link className="chip" href={hrefOf(page + 1)} rel="next">
            Next →
          </Link>
        )}
      </span>
    </nav>
  );
}
