/** Absolute addresses of a share link and its image: the app's public URL (NEXTAUTH_URL). */
export function publicOrigin(): string {
  const configured = process.env.NEXTAUTH_URL;
  if (!configured) throw new Error("NEXTAUTH_URL is not set: share links need the app's public URL");
  return new URL(configured).origin;
}

export function shareUrl(token: string): string {
  return `${publicOrigin()}/s/${token}`;
}

export function shareImageUrl(token: string): string {
  return `${shareUrl(token)}/image.png`;
}
