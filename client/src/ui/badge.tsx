/** A small coloured label: verdicts, credit classes, outcomes. Tone names map to restrained CSS colours. */
import type { ReactElement, ReactNode } from 'react';

export type Tone = 'neutral' | 'good' | 'warn' | 'bad' | 'info';

export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }): ReactElement {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}
