"use client";

import { useRouter } from "next/navigation";
import { startTransition, useEffect } from "react";

/** A page that failed: say so plainly and offer to try again (re-fetching the server's part too). */
export function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="empty-state" role="alert" data-testid="page-error">
      <h2>This page could not be loaded</h2>
      <p className="muted">Something went wrong while reading your statistics. It is usually temporary.</p>
      {error.digest && <p className="muted small">Reference: {error.digest}</p>}
      <button
        type="button"
        className="button"
        onClick={() =>
          startTransition(() => {
            router.refresh();
            reset();
          })
        }
      >
        Try again
      </button>
    </div>
  );
}
