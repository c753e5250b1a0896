/** How long each page asks the report's lists to be (the `limit` of SPEC §5). */
export const OVERVIEW_LIMIT = 5;
/** Ranked pages: the top 50, by streams or by time (the report ranks either way). */
export const RANKED_LIMIT = 50;
/** Streaks and album completion pages. */
export const DETAIL_LIMIT = 25;
