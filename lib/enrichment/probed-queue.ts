/**
 * Up to this many queued lookups (tracks and artists), questions about one user's share of the
 * shared queue probe the user's plays once per lookup (an index lookup apiece); beyond it, they
 * read the user's distinct tracks instead (a pass over all of the user's plays). Others' imports
 * can queue thousands of lookups; most of the time the queue is short and holds others' work.
 */
export const PROBED_QUEUE_LIMIT = 5000;
