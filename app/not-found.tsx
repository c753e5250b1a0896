import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not found" };

/**
 * Every 404 (an unknown address, or `notFound()` in a page). In the app's own styles: Next.js's
 * built-in page carries an inline <style> without the request's nonce, which the policy blocks.
 */
export default function NotFound() {
  return (
    <main className="landing">
      <div className="landing-inner card" role="alert">
        <h1 style={{ fontSize: "2rem" }}>Nothing here</h1>
        <p className="muted">This page does not exist, or it is not yours to see.</p>
        <Link className="button" href="/">
          Back to Encore
        </Link>
      </div>
    </main>
  );
}
