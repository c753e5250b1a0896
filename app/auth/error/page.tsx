import Link from "next/link";

export const dynamic = "force-dynamic";

const MESSAGES: Record<string, { title: string; body: string }> = {
  PremiumRequired: {
    title: "The app owner needs Spotify Premium",
    body: "Spotify only lets development-mode apps sign people in when the account that registered the app has Premium. Ask whoever runs this Encore to upgrade that account, or to use another Spotify app.",
  },
  AccessDenied: { title: "Sign-in was cancelled", body: "Spotify did not grant Encore access. You can try again whenever you like." },
  OAuthCallback: {
    title: "Spotify sign-in did not complete",
    body: "The answer from Spotify could not be verified (it may have expired or been used already). Please sign in again.",
  },
  OAuthSignin: { title: "Could not reach Spotify", body: "Encore could not start the sign-in with Spotify. Check the app's Spotify settings and try again." },
  Callback: { title: "Spotify sign-in did not complete", body: "Something went wrong while finishing the sign-in. Please try again." },
};

export default async function AuthErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const message = (error ? MESSAGES[error] : undefined) ?? { title: "Sign-in failed", body: "Something went wrong while signing in with Spotify. Please try again." };
  return (
    <main className="landing">
      <div className="landing-inner card" role="alert">
        <h1 style={{ fontSize: "2rem" }}>{message.title}</h1>
        <p className="muted">{message.body}</p>
        <Link className="button" href="/">
          Back to Encore
        </Link>
      </div>
    </main>
  );
}
