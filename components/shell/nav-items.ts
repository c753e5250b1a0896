/** The dashboard's sections, in menu order. `keepsRange`: the link carries the current range along. */
export type NavItem = { href: string; label: string; keepsRange: boolean };

export const NAV_ITEMS: NavItem[] = [
  { href: "/dashboard", label: "Overview", keepsRange: true },
  { href: "/dashboard/artists", label: "Artists", keepsRange: true },
  { href: "/dashboard/following", label: "Following", keepsRange: true },
  { href: "/dashboard/tracks", label: "Tracks", keepsRange: true },
  { href: "/dashboard/albums", label: "Albums", keepsRange: true },
  { href: "/dashboard/genres", label: "Genres", keepsRange: true },
  { href: "/dashboard/habits", label: "Habits", keepsRange: true },
  { href: "/dashboard/streaks", label: "Streaks", keepsRange: true },
  { href: "/dashboard/trends", label: "Trends", keepsRange: false },
  { href: "/dashboard/albums/completion", label: "Album completion", keepsRange: true },
  { href: "/dashboard/playlists", label: "Playlists", keepsRange: false },
  { href: "/wrapped", label: "Wrapped", keepsRange: false },
  { href: "/import", label: "Import", keepsRange: false },
  { href: "/status", label: "Status", keepsRange: false },
  { href: "/settings", label: "Settings", keepsRange: false },
];
