"use client";

import { signOut } from "next-auth/react";
import { useId, useState } from "react";

/** Delete everything, only after the user typed their Spotify user id; then sign out. */
export function DeleteAccountSetting({ spotifyId }: { spotifyId: string }) {
  const id = useId();
  const [typed, setTyped] = useState("");
  const [state, setState] = useState<{ kind: "idle" | "working" | "error"; message?: string }>({ kind: "idle" });
  const confirmed = typed.trim() === spotifyId;
  return (
    <section className="card danger-zone" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Delete everything</h2>
      <p className="muted">
        Removes all your plays, imports, collection history, your Spotify tokens and your account from Encore. This cannot be undone: export your
        data first if you want to keep it.
      </p>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          if (!confirmed) return;
          setState({ kind: "working" });
          const response = await fetch("/api/account", {
            method: "DELETE",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ confirm: typed.trim() }),
          });
          if (!response.ok) {
            const body = (await response.json().catch(() => ({}))) as { error?: string };
            setState({ kind: "error", message: body.error ?? `Deleting failed (HTTP ${response.status}).` });
            return;
          }
          await signOut({ callbackUrl: "/" });
        }}
      >
        <label className="field-label" htmlFor={`${id}-confirm`}>
          Type your Spotify user id, <code>{spotifyId}</code>, to confirm
        </label>
        <div className="form-row">
          <input id={`${id}-confirm`} autoComplete="off" spellCheck={false} value={typed} onChange={(event) => setTyped(event.target.value)} />
          <button type="submit" className="button danger small" disabled={!confirmed || state.kind === "working"}>
            {state.kind === "working" ? "Deleting…" : "Delete everything"}
          </button>
        </div>
      </form>
      {state.message && (
        <p className="status-text error-text" role="alert">
          {state.message}
        </p>
      )}
    </section>
  );
}
