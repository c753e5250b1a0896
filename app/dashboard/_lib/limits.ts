/** How long each page asks the report's lists to be (the `limit` of SPEC §5). */
export const OVERVIEW_LIMIT = 5;
/** Ranked pages show 50 and ask for 100, so re-ranking by time draws from a wider pool than the 50 shown. */
export const RANKED_POOL = 100;
/** Streaks and album completion pages. */
export const DETAIL_LIMIT = 25;
