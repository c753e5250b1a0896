"use client";

import { usePathname, useSearchParams } from "next/navigation";
import type { RankBy } from "@/lib/stats/types";

/** Streams or time, kept in the URL as `?by=time` (streams is the default and leaves the URL clean). */
export function useRankBy(): RankBy {
  return useSearchParams().get("by") === "time" ? "time" : "streams";
}

export function RankByToggle() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const by = useRankBy();
  const hrefFor = (value: RankBy) => {
    const params = new URLSearchParams(searchParams.toString());
    if (value === "time") params.set("by", "time");
    else params.delete("by");
    const search = params.toString();
    return search ? `${pathname}?${search}` : pathname;
  };
  return (
    <div className="segmented" role="group" aria-label="Rank by">
      {(["streams", "time"] as const).map((value) => (
        <a
          key={value}
          href={hrefFor(value)}
          className="chip"
          aria-current={by === value ? "true" : undefined}
          onClick={(event) => {
            if (event.metaKey || event.ctrlKey || event.shiftKey) return;
            event.preventDefault();
            window.history.pushState(null, "", hrefFor(value));
          }}
        >
          {value === "streams" ? "By streams" : "By time"}
        </a>
      ))}
    </div>
  );
}
