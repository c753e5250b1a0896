import type { PlaylistScope } from "@/lib/playlists/scopes";
import { SignInButton } from "@/components/SignInButton";

const WHAT: Record<PlaylistScope, string> = {
  "playlist-read-private": "private playlists",
  "playlist-read-collaborative": "collaborative playlists",
};

/** A user who authorised Encore before it asked for the playlist scopes: what is missing, and the way to allow it. */
export function ScopeBanner({ missing }: { missing: PlaylistScope[] }) {
  if (missing.length === 0) return null;
  const what = missing.map((scope) => WHAT[scope]).join(" and ");
  return (
    <div className="banner warning reauth-banner" role="status" data-testid="playlist-scope-banner">
      <div>
        <strong>Encore cannot see your {what} yet.</strong>{" "}
        <span className="muted">
          You allowed Encore to read your Spotify account before it asked for them, so only the playlists it may read are listed here. Sign in
          again and allow access to see the rest.
        </span>
      </div>
      <SignInButton label="Sign in again" />
    </div>
  );
}
