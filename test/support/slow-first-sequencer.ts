/**
 * Runs the integration files that take longest first (longest-processing-time-first on the two workers), so a long
 * file does not start last and leave one worker idle at the end. Vitest's own order uses the durations of the
 * previous run, which a clean clone (CI) does not have, and otherwise file size, which puts the slow start-up tests
 * (small files that spawn servers) last. The list is the measured order on PGlite, slowest first; files not in it
 * keep vitest's order after these.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const SLOWEST_FIRST = [
  'jurisdiction.test.ts',
  'demo.test.ts',
  'startup.test.ts',
  'server-process.test.ts',
  'views.test.ts',
  'ogc.test.ts',
  'grids-planning.test.ts',
  'grids-import.test.ts',
  'backup.test.ts',
  'ogc-export.test.ts',
  'patrol-records.test.ts',
  'registry.test.ts',
  'patrol-plan-editing.test.ts',
];

function rank(spec: TestSpecification): number {
  const index = SLOWEST_FIRST.findIndex((name) => spec.moduleId.endsWith(`/${name}`));
  return index === -1 ? SLOWEST_FIRST.length : index;
}

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    return base
      .map((spec, order) => ({ spec, order }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.order - b.order)
      .map(({ spec }) => spec);
  }
}
