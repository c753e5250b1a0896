/** A possibly long name, cut with an ellipsis by CSS; the full name is on hover. */
export function Name({ children, className }: { children: string; className?: string }) {
  return (
    <span className={`truncate ${className ?? ""}`} title={children}>
      {children}
    </span>
  );
}
