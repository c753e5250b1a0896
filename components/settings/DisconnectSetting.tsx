"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** Forget the Spotify tokens: collection stops, the data stays, signing in again reconnects. */
export function DisconnectSetting({ connected }: { connected: boolean }) {
  const router = useRouter();
  const [state, setState] = useState<"idle" | "working" | "done" | "error">("idle");
  return (
    <section className="card">
      <h2>Disconnect Spotify</h2>
      <p className="muted">
        Encore forgets its access to your Spotify account and stops collecting plays. Your history stays here; sign in again to reconnect.
      </p>
      {connected && state !== "done" ? (
        <button
          type="button"
          className="button secondary small"
          disabled={state === "working"}
          onClick={async () => {
            if (!window.confirm("Disconnect Encore from your Spotify account? Your data is kept.")) return;
            setState("working");
            const response = await fetch("/api/account/disconnect", { method: "POST" });
            setState(response.ok ? "done" : "error");
            if (response.ok) router.refresh();
          }}
        >
          {state === "working" ? "Disconnecting…" : "Disconnect"}
        </button>
      ) : (
        <p className="status-text" role="status" data-testid="disconnected">
          Not connected: Encore holds no Spotify token for you.
        </p>
      )}
      {state === "error" && (
        <p className="status-text error-text" role="alert">
          Disconnecting failed; try again.
        </p>
      )}
    </section>
  );
}
