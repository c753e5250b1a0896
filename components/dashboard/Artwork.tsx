/** Cover art or an artist portrait when known, else the name's initial on a tinted square. */
export function Artwork({ src, name, size = 44 }: { src: string | null; name: string; size?: number }) {
  if (src) {
    // Spotify's (or the simulator's) image hosts: plain <img>, no optimisation proxy that would fetch them server-side.
    // eslint-disable-next-line @next/next/no-img-element
    return <img className="artwork" src={src} alt="" width={size} height={size} loading="lazy" />;
  }
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return (
    <span className="artwork placeholder" aria-hidden="true" style={{ width: size, height: size, "--hue": hash % 360 } as React.CSSProperties}>
      {[...name][0]?.toUpperCase() ?? "?"}
    </span>
  );
}
