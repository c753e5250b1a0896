/**
 * What the sign-in error page says: in plain words, what happened and who can fix it: the user
 * (try again) or whoever runs this Encore (the Spotify app's settings). Chosen by the reason the
 * failed request found (lib/auth/sign-in-failure.ts), else by next-auth's error code.
 */
import { isSignInReason, type SignInReason } from "@/lib/auth/sign-in-failure";

export type SignInErrorMessage = {
  title: string;
  body: string;
  /** "retry": the user can try again; "operator": the site's Spotify app settings need a change. */
  remedy: "retry" | "operator";
  /** For the operator: what to check, step by step. */
  checks?: string[];
};

const DASHBOARD = "the Spotify developer dashboard (developer.spotify.com)";

function byReason(reason: SignInReason, redirectUri: string): SignInErrorMessage | null {
  switch (reason) {
    case "cancelled":
      return { title: "Sign-in was cancelled", body: "Spotify did not give Encore access, so nothing was stored. You can try again whenever you like.", remedy: "retry" };
    case "expired":
      return {
        title: "This sign-in expired",
        body: "Spotify's answer could not be matched to this browser's sign-in: it took too long, was already used, or arrived in another browser or tab. Nothing is wrong with your account; please sign in again.",
        remedy: "retry",
      };
    case "app-credentials":
      return {
        title: "Encore's Spotify app settings need a look",
        body: "Spotify refused this Encore's app credentials, so nobody can sign in until they are fixed. This is not something you can fix from here: ask whoever runs this Encore.",
        remedy: "operator",
        checks: [
          `SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET must be the Client ID and Client secret of the app in ${DASHBOARD}.`,
          "If the secret was rotated there, the server needs the new one (and a restart).",
        ],
      };
    case "redirect-uri":
      return {
        title: "Encore's Spotify app settings need a look",
        body: "Spotify refused the address it was asked to send you back to. Ask whoever runs this Encore to register it.",
        remedy: "operator",
        checks: [`Add ${redirectUri} as a Redirect URI of the app in ${DASHBOARD}, exactly as written (Spotify refuses localhost: use 127.0.0.1 or HTTPS).`],
      };
    case "not-allowlisted":
      return {
        title: "Your Spotify account is not on this app's list",
        body: "This Encore uses a Spotify app in development mode, which only lets in the accounts its owner has added (at most 5). Ask whoever runs this Encore to add you, then sign in again.",
        remedy: "operator",
        checks: [`Add the listener's name and Spotify email under Users Management of the app in ${DASHBOARD}.`],
      };
    case "premium-required":
      return {
        title: "The app owner needs Spotify Premium",
        body: "Spotify only lets development-mode apps sign people in when the account that registered the app has Premium. Ask whoever runs this Encore to upgrade that account, or to use another Spotify app.",
        remedy: "operator",
        checks: ["The Spotify account that owns the app needs an active Premium subscription; the app works again as soon as it has one."],
      };
    case "unreachable":
      return {
        title: "Spotify could not be reached",
        body: "Spotify's sign-in service did not answer, or answered with an error. This is usually brief: try again in a few minutes. If it keeps happening, ask whoever runs this Encore to check that the server can reach Spotify.",
        remedy: "retry",
      };
    case "unexpected-response":
      return {
        title: "Spotify's answer was not understood",
        body: "Encore received an answer from Spotify that it could not read. Try again; if it keeps happening, ask whoever runs this Encore to look at the server's log, which names the part of the answer that was wrong.",
        remedy: "retry",
      };
    case "unknown":
      return null;
  }
}

/** next-auth's own codes, for failures no reason was found for. */
const BY_CODE: Record<string, SignInErrorMessage> = {
  PremiumRequired: byReason("premium-required", "")!,
  AccessDenied: { title: "Sign-in was cancelled", body: "Spotify did not grant Encore access. You can try again whenever you like.", remedy: "retry" },
  OAuthCallback: {
    title: "Spotify sign-in did not complete",
    body: "The answer from Spotify could not be verified (it may have expired or been used already). Please sign in again.",
    remedy: "retry",
  },
  OAuthSignin: {
    title: "Could not start the sign-in with Spotify",
    body: "Encore could not send you to Spotify. Ask whoever runs this Encore to check its Spotify settings (SPOTIFY_CLIENT_ID, SPOTIFY_ACCOUNTS_URL) and the server's log.",
    remedy: "operator",
  },
  Callback: { title: "Spotify sign-in did not complete", body: "Something went wrong while finishing the sign-in. Please try again.", remedy: "retry" },
};

const FALLBACK: SignInErrorMessage = {
  title: "Sign-in failed",
  body: "Something went wrong while signing in with Spotify. Please try again; if it keeps happening, ask whoever runs this Encore to look at the server's log.",
  remedy: "retry",
};

export function signInErrorMessage(error: string | undefined, reason: string | undefined, redirectUri: string): SignInErrorMessage {
  const fromReason = isSignInReason(reason) ? byReason(reason, redirectUri) : null;
  return fromReason ?? (error ? BY_CODE[error] : undefined) ?? FALLBACK;
}
