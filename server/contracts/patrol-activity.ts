/**
 * Patrol activity for the map (issue 6, item 7): positions of the patrols of a period for the heat map, and the
 * timed GPS tracks of one day (optionally one inspector) for playback. See docs/patrols.md ("Activity and playback").
 */
import { z } from 'zod';

/** At most this many patrols a heat-map answer holds (the most recent first). */
export const MAX_ACTIVITY_POINTS = 50_000;

export const ActivityQuery = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    gridId: z.coerce.number().int().positive().optional(),
  })
  .strict()
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'to must not be before from' });
export type ActivityQuery = z.infer<typeof ActivityQuery>;

export interface ActivityResponse {
  from: string;
  to: string;
  /** Patrols in the period (all of them, even past the cap). */
  count: number;
  truncated: boolean;
  /** [lon, lat, weight]: the inspector's position (else the track's first point, else the subject); weight 2 for a patrol with a finding. */
  points: [number, number, number][];
}

export const TracksQuery = z
  .object({
    date: z.iso.date(),
    inspector: z.string().trim().min(1).max(40).optional(),
    gridId: z.coerce.number().int().positive().optional(),
  })
  .strict();
export type TracksQuery = z.infer<typeof TracksQuery>;

export interface PatrolTrip {
  patrolId: number;
  inspector: string;
  subject: { id: number; code: string; name: string };
  outcome: string;
  /** [lon, lat] per point. */
  path: [number, number][];
  /** Seconds after midnight (China time) per point; synthesized evenly over 20 minutes before the patrol when the track has no times. */
  timestamps: number[];
  timed: boolean;
}

export interface TracksResponse {
  date: string;
  /** Inspectors with patrols that day (for the chooser), with the number of patrols. */
  inspectors: { name: string; patrols: number }[];
  trips: PatrolTrip[];
  /** First and last timestamp of the trips (seconds after midnight), null without trips. */
  start: number | null;
  end: number | null;
}
