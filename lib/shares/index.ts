export { createShare, DEFAULT_SHARE_DAYS, MAX_LIVE_SHARES, rangeOfShare, ShareLimitError, type NewShare, type ShareRequest } from "@/lib/shares/create-share";
export { findLiveShare, type LiveShare } from "@/lib/shares/find-live-share";
export { listLiveShares, type ShareListing } from "@/lib/shares/list-shares";
export { revokeShare } from "@/lib/shares/revoke-share";
export { shareImageUrl, shareUrl } from "@/lib/shares/share-url";
export type { ShareSnapshot } from "@/lib/shares/snapshot";
