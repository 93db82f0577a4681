/**
 * Whether the user asked the system for less motion (prefers-reduced-motion). MapLibre then already jumps instead of
 * flying the camera (for animations not marked essential); the map also stops fading labels in and out.
 */
export function prefersReducedMotion(): boolean {
  return (
    typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true
  );
}
