/**
 * `npm run bench [name …] [-- --option=value …]`: runs the named benchmarks, or all of them, one after another.
 * A benchmark is a module in bench/ that exports `description` and `run(args)`; register it in BENCHMARKS.
 * Benchmarks print their numbers; they never assert on timing (machines differ, and tests must not flake).
 */

interface Benchmark {
  description: string;
  run(args: string[]): Promise<void>;
}

const BENCHMARKS: Record<string, () => Promise<Benchmark>> = {
  tiles: () => import('./tiles'),
  soil: () => import('./soil'),
  registry: () => import('./registry'),
  grids: () => import('./grids'),
  residue: () => import('./residue'),
  load: () => import('./load'),
  patrols: () => import('./patrols'),
  coverage: () => import('./coverage'),
  indicators: () => import('./indicators'),
};

async function main(argv: string[]): Promise<void> {
  const names = argv.filter((arg) => !arg.startsWith('--'));
  const options = argv.filter((arg) => arg.startsWith('--'));
  const unknown = names.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0 || options.includes('--help')) {
    console.log(`usage: npm run bench [${Object.keys(BENCHMARKS).join(' | ')} …] [-- --option=value …]`);
    for (const [name, load] of Object.entries(BENCHMARKS))
      console.log(`  ${name.padEnd(10)} ${(await load()).description}`);
    if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}`);
    return;
  }
  for (const name of names.length > 0 ? names : Object.keys(BENCHMARKS)) {
    const benchmark = await BENCHMARKS[name]!();
    console.log(`\n== ${name}: ${benchmark.description}`);
    await benchmark.run(options);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
