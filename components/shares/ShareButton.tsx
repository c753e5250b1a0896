"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { NewShare, ShareRequest } from "@/lib/shares/create-share";
import { useLocale } from "@/components/providers/AppProviders";
import { formatInstant } from "@/lib/format/dates";

const EXPIRY_CHOICES = [7, 30, 90, 365] as const;

async function postShare(body: ShareRequest & { expiresInDays: number; showName: boolean }): Promise<NewShare> {
  const response = await fetch("/api/shares", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const payload = (await response.json().catch(() => ({}))) as Partial<NewShare> & { error?: string };
  if (!response.ok || !payload.url || !payload.expiresAt || !payload.id) throw new Error(payload.error ?? `The link could not be made (HTTP ${response.status}); try again.`);
  return payload as NewShare;
}

/**
 * "Share": makes a read-only link to a snapshot of these figures (SPEC §11), copies it, and says
 * when it expires. `what` names what is shared ("your 2025 wrapped", "this range").
 */
export function ShareButton({ request, what, timeZone }: { request: ShareRequest; what: string; timeZone: string }) {
  const locale = useLocale();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const [showName, setShowName] = useState(false);
  const [expiresInDays, setExpiresInDays] = useState<number>(30);
  const [copied, setCopied] = useState<boolean | null>(null);
  const share = useMutation({
    mutationFn: () => postShare({ ...request, expiresInDays, showName }),
    onSuccess: async (created) => {
      setCopied(await navigator.clipboard.writeText(created.url).then(() => true, () => false));
    },
  });
  return (
    <div className="share-control">
      <button type="button" className="chip" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)} data-testid="share-open">
        Share
      </button>
      {open && (
        <div className="share-panel card" id={panelId} role="group" aria-label={`Share ${what}`}>
          {share.data ? (
            <>
              <label className="share-url">
                <span>Link to {what}</span>
                <input readOnly value={share.data.url} onFocus={(event) => event.currentTarget.select()} data-testid="share-url" />
              </label>
              <p className="status-text" role="status" data-testid="share-status">
                {copied ? "Copied. " : "Copy the link above. "}
                It shows these figures as they are now, to anyone who has it, until {formatInstant(share.data.expiresAt, locale, timeZone)}. Revoke it any time in Settings.
              </p>
            </>
          ) : (
            <>
              <p className="muted">A read-only link to a snapshot of {what}: later listening does not change it, and it opens nothing else of yours.</p>
              <label className="checkbox">
                <input type="checkbox" checked={showName} onChange={(event) => setShowName(event.target.checked)} data-testid="share-show-name" />
                Show my name
              </label>
              <label>
                Expires after{" "}
                <select value={expiresInDays} onChange={(event) => setExpiresInDays(Number(event.target.value))} data-testid="share-expiry">
                  {EXPIRY_CHOICES.map((days) => (
                    <option key={days} value={days}>
                      {days === 365 ? "a year" : `${days} days`}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" className="button small" disabled={share.isPending} onClick={() => share.mutate()} data-testid="share-create">
                {share.isPending ? "Making the link…" : "Create link"}
              </button>
              {share.error && (
                <p className="status-text error-text" role="alert">
                  {share.error.message}
                </p>
              )}
            </>
          )}
        </div>
      )}
    </div>
  );
}
