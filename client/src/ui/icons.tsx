/** The few line icons the UI needs, inline so nothing is fetched. Decorative: callers give the accessible name. */
import type { ReactElement } from 'react';

const PATHS = {
  layers: 'M12 3 2.5 8 12 13l9.5-5L12 3Zm-9.5 9L12 17l9.5-5M2.5 16 12 21l9.5-5',
  legend: 'M4 6h2m4 0h10M4 12h2m4 0h10M4 18h2m4 0h10',
  close: 'M6 6l12 12M18 6 6 18',
  phone:
    'M5 4h3.5l1.5 4-2 1.3a11 11 0 0 0 6.7 6.7L16 14l4 1.5V19a1.5 1.5 0 0 1-1.6 1.5A16.5 16.5 0 0 1 3.5 5.6 1.5 1.5 0 0 1 5 4Z',
  warning: 'M12 4 2.5 20h19L12 4Zm0 6v4.5m0 3v.01',
  globe:
    'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm-9 9h18M12 3c2.5 2.7 3.5 5.7 3.5 9s-1 6.3-3.5 9c-2.5-2.7-3.5-5.7-3.5-9s1-6.3 3.5-9Z',
  chevron: 'm9 6 6 6-6 6',
  target: 'M12 3v3m0 12v3M3 12h3m12 0h3M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8Z',
  retry: 'M4 12a8 8 0 0 1 14-5.3M20 4v4h-4m4 4a8 8 0 0 1-14 5.3M4 20v-4h4',
  download: 'M12 4v11m-4.5-4.5L12 15l4.5-4.5M5 19h14',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 18 }: { name: IconName; size?: number }): ReactElement {
  return (
    <svg className="icon" viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" focusable="false">
      <path
        d={PATHS[name]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
