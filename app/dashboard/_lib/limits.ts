/** How long each page asks the report's lists to be (the `limit` of SPEC §5). */
export const OVERVIEW_LIMIT = 5;
/** Ranked pages: the top 50, by streams or by time (the report ranks either way). */
export const RANKED_LIMIT = 50;
/** Streaks and album completion pages. */
export const DETAIL_LIMIT = 25;
/** Trends page: every list of SPEC 5c's trends report. */
export const TRENDS_LIMIT = 10;
/** The overview's "Trending now" card: the top three rising artists. */
export const TRENDING_NOW_LIMIT = 3;
