import Link from "next/link";

/** An artist the user never played, or no such artist: the same answer (SPEC 5c). */
export default function ArtistNotFound() {
  return (
    <div className="empty-state" data-testid="artist-not-found">
      <h1>Artist not found</h1>
      <p className="muted">This artist is not in your listening history. Artists appear here once you have played one of their tracks.</p>
      <p>
        <Link className="button" href="/dashboard/artists">
          See your top artists
        </Link>
      </p>
    </div>
  );
}
