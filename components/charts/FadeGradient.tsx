/** An area's fill, from `color` at `opacity` on top down to nearly transparent: for a chart's `<defs>`. */
export function FadeGradient({ id, color, opacity }: { id: string; color: string; opacity: number }) {
  return (
    <linearGradient id={id} x1="0" y1="0" x2="0" y2="1">
      <stop offset="0%" stopColor={color} stopOpacity={opacity} />
      <stop offset="100%" stopColor={color} stopOpacity={0.02} />
    </linearGradient>
  );
}
