import type { SessionUser } from "@/lib/auth/session";
import { refreshTokenExpiry } from "@/lib/auth/tokens";
import { SignInButton } from "@/components/SignInButton";

const WARN_BEFORE_MS = 14 * 86_400_000;

/** "Sign in again" when Spotify stopped accepting the user's tokens, or soon will (SPEC §5b). */
export function AuthorizationBanners({ user, now = new Date() }: { user: SessionUser; now?: Date }) {
  if (user.needsReauth || !user.connected) {
    return (
      <div className="banner warning reauth-banner" role="alert" data-testid="reauth-banner">
        <div>
          <strong>Sign in again to keep collecting your plays.</strong>{" "}
          <span className="muted">
            {user.needsReauth
              ? "Spotify no longer accepts Encore's access to your account. Your data is safe."
              : "Encore is disconnected from your Spotify account. Your data is kept."}
          </span>
        </div>
        <SignInButton label="Sign in again" />
      </div>
    );
  }
  const expiry = refreshTokenExpiry(user.authorizedAt);
  if (expiry && expiry.getTime() - now.getTime() <= WARN_BEFORE_MS) {
    const days = Math.max(0, Math.ceil((expiry.getTime() - now.getTime()) / 86_400_000));
    return (
      <div className="banner warning reauth-banner" role="status" data-testid="expiry-banner">
        <div>
          <strong>
            Spotify access ends {days === 0 ? "today" : `in ${days} ${days === 1 ? "day" : "days"}`} ({expiry.toISOString().slice(0, 10)}).
          </strong>{" "}
          <span className="muted">Spotify lets an app read your history for six months from your first sign-in. When they end, sign in again here to keep collecting your plays; your data stays.</span>
        </div>
      </div>
    );
  }
  return null;
}
