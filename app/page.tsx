import { redirect } from "next/navigation";
import { SignInButton } from "@/components/SignInButton";
import { getSessionUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  if (await getSessionUser()) redirect("/dashboard");
  return (
    <main className="landing">
      <div className="landing-inner">
        <h1>Encore</h1>
        <p className="tagline">Your Spotify listening, wrapped any day of the year.</p>
        <SignInButton />
        <ul className="feature-list" aria-label="What Encore shows you">
          <li>
            <strong>Top artists, tracks, albums</strong>by streams or by time, for any range
          </li>
          <li>
            <strong>Streaks and sessions</strong>how you listen, hour by hour
          </li>
          <li>
            <strong>Your whole history</strong>import Spotify&apos;s data export, keep every play
          </li>
        </ul>
      </div>
    </main>
  );
}
