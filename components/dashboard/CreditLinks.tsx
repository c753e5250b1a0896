import Link from "next/link";

/** An artist name with the page it links to. */
export type ArtistLink = { id: string; name: string; href: string };

/** Names separated by commas, each a link; in lists the whole line is cut with an ellipsis by CSS. Server and client alike. */
export function CreditLinks({ links, className, inline = false }: { links: ArtistLink[]; className?: string; inline?: boolean }) {
  return (
    <span className={`${inline ? "" : "truncate "}${className ?? ""}`} title={links.map((link) => link.name).join(", ")}>
      {links.map((link, index) => (
        <span key={`${link.id}-${index}`}>
          {index > 0 && ", "}
          <Link href={link.href} className="artist-link">
            {link.name}
          </Link>
        </span>
      ))}
    </span>
  );
}
