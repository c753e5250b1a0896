import Link from "next/link";
import { signInErrorMessage } from "@/lib/auth/sign-in-messages";
import styles from "./error.module.css";

export const dynamic = "force-dynamic";

/** The redirect URI to register with Spotify: the public URL next-auth calls back on. */
function callbackUrl(): string {
  const base = (process.env.NEXTAUTH_URL ?? "http://127.0.0.1:3000").replace(/\/+$/, "");
  return `${base}/api/auth/callback/spotify`;
}

export default async function AuthErrorPage({ searchParams }: { searchParams: Promise<{ error?: string; reason?: string }> }) {
  const { error, reason } = await searchParams;
  const message = signInErrorMessage(error, reason, callbackUrl());
  return (
    <main className="landing">
      <div className={`landing-inner card ${styles.panel}`} role="alert" data-remedy={message.remedy}>
        <h1 className={styles.title}>{message.title}</h1>
        <p className="muted">{message.body}</p>
        {message.checks ? (
          <section className={styles.checks} aria-labelledby="operator-checks">
            <h2 id="operator-checks" className={styles.checksTitle}>
              For whoever runs this Encore
            </h2>
            <ul>
              {message.checks.map((check) => (
                <li key={check}>{check}</li>
              ))}
            </ul>
          </section>
        ) : null}
        <div className={styles.actions}>
          {message.remedy === "retry" ? (
            <Link className="button" href="/">
              Try again
            </Link>
          ) : (
            <Link className="button secondary" href="/">
              Back to Encore
            </Link>
          )}
        </div>
      </div>
    </main>
  );
}
