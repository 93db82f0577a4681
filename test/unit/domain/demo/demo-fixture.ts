/** The default demo county, generated once per test worker (generation takes a second or two). */
import { generateDemo } from '../../../../server/src/domain/demo/generate';
import type { DemoData } from '../../../../server/src/domain/demo/types';

let cached: DemoData | undefined;

export function defaultDemo(): DemoData {
  cached ??= generateDemo();
  return cached;
}
