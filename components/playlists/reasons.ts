import type { UnreadableReason } from "@/lib/playlists/store-listing";

/** Why a playlist's tracks are not shown, short (the list) and in full (its page). */
export function reasonLabel(reason: UnreadableReason): string {
  switch (reason) {
    case "spotify-owned":
      return "Spotify's own playlist";
    case "not-owned":
      return "Someone else's playlist";
    case "missing-scope":
      return "Needs your permission";
    case "refused":
      return "Refused by Spotify";
  }
}

export function reasonText(reason: UnreadableReason, ownerName: string): string {
  switch (reason) {
    case "spotify-owned":
      return "Made by Spotify. Since November 2024 Spotify does not let apps like Encore read its own playlists (Discover Weekly, Release Radar, its editorial lists), so Encore lists it but cannot see its tracks.";
    case "not-owned":
      return `Made by ${ownerName}. Spotify lets apps like Encore read only the playlists you own or collaborate on, so Encore lists it but cannot see its tracks.`;
    case "missing-scope":
      return "Spotify refused: the permission you gave Encore does not cover this playlist. Sign in again to allow Encore to read your private and collaborative playlists.";
    case "refused":
      return "Spotify refused to share this playlist's tracks when Encore last asked. Encore asks again at its next playlist collection.";
  }
}
