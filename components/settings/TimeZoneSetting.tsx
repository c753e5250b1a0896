"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";

/** A searchable list of IANA zones; saving re-renders the pages' local dates in the new zone. */
export function TimeZoneSetting({ current, zones }: { current: string; zones: string[] }) {
  const router = useRouter();
  const id = useId();
  const [search, setSearch] = useState("");
  const [selected, setSelected] = useState(current);
  const [saved, setSaved] = useState(current);
  const [state, setState] = useState<{ kind: "idle" | "saving" | "saved" | "error"; message?: string }>({ kind: "idle" });
  const needle = search.trim().toLowerCase().replace(/\s+/g, "_");
  const matches = zones.filter((zone) => zone.toLowerCase().includes(needle));
  const browserZone = typeof Intl !== "undefined" ? Intl.DateTimeFormat().resolvedOptions().timeZone : null;

  async function save() {
    setState({ kind: "saving" });
    const response = await fetch("/api/settings/time-zone", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ timeZone: selected }),
    });
    const body = (await response.json().catch(() => ({}))) as { timeZone?: string; error?: string };
    if (!response.ok || !body.timeZone) {
      setState({ kind: "error", message: body.error ?? `Saving failed (HTTP ${response.status}).` });
      return;
    }
    setSaved(body.timeZone);
    setState({ kind: "saved", message: `Saved: your statistics now use ${body.timeZone}.` });
    router.refresh();
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Time zone</h2>
      <p className="muted">
        Local dates, weekdays and hours (streaks, the heatmap, ranges) use this zone. Current: <strong data-testid="current-time-zone">{saved}</strong>
      </p>
      <label className="field-label" htmlFor={`${id}-search`}>
        Search time zones
      </label>
      <div className="form-row">
        <input id={`${id}-search`} type="search" placeholder="e.g. Berlin, New_York, Tokyo" value={search} onChange={(event) => setSearch(event.target.value)} />
        {browserZone && zones.includes(browserZone) && (
          <button type="button" className="button secondary small" onClick={() => setSelected(browserZone)}>
            Use this device&apos;s ({browserZone})
          </button>
        )}
      </div>
      <label className="field-label" htmlFor={`${id}-select`} style={{ marginTop: "0.75rem" }}>
        Time zone ({matches.length} {matches.length === 1 ? "match" : "matches"})
      </label>
      <div className="form-row">
        <select id={`${id}-select`} size={6} value={matches.includes(selected) ? selected : ""} onChange={(event) => setSelected(event.target.value)}>
          {!matches.includes(selected) && <option value="">{selected} (not in this search)</option>}
          {matches.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replace(/_/g, " ")}
            </option>
          ))}
        </select>
      </div>
      <div className="form-row" style={{ marginTop: "0.75rem" }}>
        <button type="button" className="button small" disabled={state.kind === "saving" || selected === saved} onClick={() => void save()}>
          {state.kind === "saving" ? "Saving…" : `Save ${selected}`}
        </button>
      </div>
      {state.message && (
        <p className={`status-text ${state.kind === "error" ? "error-text" : "muted"}`} role={state.kind === "error" ? "alert" : "status"}>
          {state.message}
        </p>
      )}
    </section>
  );
}
