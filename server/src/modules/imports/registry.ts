/**
 * The import targets the pipeline knows. A feature makes its records importable by implementing ImportTarget in
 * its own module and adding it here.
 */
import type { ImportTarget } from './import-target';
import { resultsImportTarget } from '../residue/results.import-target';
import { soilSamplesImportTarget } from '../soil/soil-samples.import-target';
import { subjectsImportTarget } from '../subjects/subjects.import-target';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- targets differ in their row type
export const IMPORT_TARGETS: ReadonlyMap<string, ImportTarget<any>> = new Map(
  [subjectsImportTarget, resultsImportTarget, soilSamplesImportTarget].map((target) => [target.id, target]),
);
