"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useState } from "react";
import { RANGE_PRESETS } from "@/lib/stats/range";
import { formatLocalDate } from "@/lib/format/dates";
import { useLocale } from "@/components/providers/AppProviders";
import { PRESET_LABELS, RANGE_PARAM_NAMES, resolveFromParams } from "@/components/range/range-params";

/** Changes the URL in place: the page's query refetches /api/stats, no server round trip. */
function pushSearch(pathname: string, params: URLSearchParams) {
  const search = params.toString();
  window.history.pushState(null, "", search ? `${pathname}?${search}` : pathname);
}

function withRange(current: URLSearchParams, range: Record<string, string>): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const name of RANGE_PARAM_NAMES) next.delete(name);
  for (const [name, value] of Object.entries(range)) next.set(name, value);
  return next;
}

export function RangePicker({ timeZone }: { timeZone: string }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const locale = useLocale();
  const resolved = resolveFromParams(searchParams, timeZone);
  const [customOpen, setCustomOpen] = useState(resolved.preset === "custom");
  const [from, setFrom] = useState(resolved.preset === "custom" ? (resolved.fromDate ?? "") : "");
  const [to, setTo] = useState(resolved.preset === "custom" ? (resolved.toDate ?? "") : "");
  const current = new URLSearchParams(searchParams.toString());

  return (
    <div className="range-picker">
      <div className="range-presets" role="group" aria-label="Range">
        {RANGE_PRESETS.map((preset) => {
          const params = withRange(current, { range: preset });
          const selected = resolved.preset === preset;
          return (
            <a
              key={preset}
              href={`${pathname}?${params}`}
              className="chip"
              aria-current={selected ? "true" : undefined}
              onClick={(event) => {
                if (event.metaKey || event.ctrlKey || event.shiftKey) return;
                event.preventDefault();
                setCustomOpen(false);
                pushSearch(pathname, params);
              }}
            >
              {PRESET_LABELS[preset]}
            </a>
          );
        })}
        <button type="button" className="chip" aria-expanded={customOpen} aria-current={resolved.preset === "custom" ? "true" : undefined} onClick={() => setCustomOpen(!customOpen)}>
          Custom
        </button>
      </div>
      {customOpen && (
        <form
          className="range-custom"
          onSubmit={(event) => {
            event.preventDefault();
            const range: Record<string, string> = {};
            if (from) range.from = from;
            if (to) range.to = to;
            pushSearch(pathname, withRange(current, Object.keys(range).length ? range : { range: "all" }));
          }}
        >
          <label>
            From <input type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
          </label>
          <label>
            To (exclusive) <input type="date" value={to} min={from || undefined} onChange={(event) => setTo(event.target.value)} />
          </label>
          <button type="submit" className="button small">
            Apply
          </button>
        </form>
      )}
      <p className="range-summary muted" data-testid="range-summary">
        {resolved.fromDate || resolved.toDate
          ? `${resolved.fromDate ? formatLocalDate(resolved.fromDate, locale) : "the beginning"} – ${
              resolved.toDate ? `${formatLocalDate(resolved.toDate, locale)} (exclusive)` : "now"
            }`
          : "All time"}
        {" · "}
        {timeZone}
      </p>
      {!resolved.understood && (
        <p className="banner warning range-note" role="status" data-testid="range-note">
          The range in the address was not understood, so the last 4 weeks are shown instead.
        </p>
      )}
    </div>
  );
}
