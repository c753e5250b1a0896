"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

async function changeFollow(artistId: string, follow: boolean): Promise<void> {
  const response = follow
    ? await fetch("/api/following", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ artistId }) })
    : await fetch(`/api/following/${encodeURIComponent(artistId)}`, { method: "DELETE" });
  // Unfollowing an artist no longer followed (another tab) is what the reader wanted.
  if (!response.ok && !(response.status === 404 && !follow)) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? `Could not ${follow ? "follow" : "unfollow"} (HTTP ${response.status}).`);
  }
}

/** Follow / unfollow in Encore (not on Spotify); says why when refused (the limit of 20). */
export function FollowButton({ artistId, artistName, initialFollowing, onChange }: { artistId: string; artistName: string; initialFollowing: boolean; onChange?: (following: boolean) => void }) {
  const [following, setFollowing] = useState(initialFollowing);
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (follow: boolean) => changeFollow(artistId, follow),
    onSuccess: (_, follow) => {
      setFollowing(follow);
      onChange?.(follow);
      void queryClient.invalidateQueries({ queryKey: ["following"] });
    },
  });
  return (
    <span className="follow-control">
      <button
        type="button"
        className={following ? "button small secondary" : "button small"}
        aria-pressed={following}
        aria-label={following ? `Unfollow ${artistName}` : `Follow ${artistName}`}
        disabled={mutation.isPending}
        onClick={() => mutation.mutate(!following)}
        data-testid="follow-button"
      >
        {mutation.isPending ? "Saving…" : following ? "Following ✓" : "Follow"}
      </button>
      {mutation.error && (
        <span className="error-text small" role="alert">
          {mutation.error.message}
        </span>
      )}
    </span>
  );
}
