import { describe, expect, it } from 'vitest';
import { loadMigrations, type Migration, planMigrations } from '../../../server/src/db/migrate';
import { StartupError } from '../../../server/src/db/startup-error';

const files: Migration[] = [1, 2, 3].map((version) => ({
  version,
  name: `m${version}`,
  checksum: `c${version}`,
  sql: '',
}));
const row = (m: Migration) => ({ version: m.version, name: m.name, checksum: m.checksum });

function refusal(fn: () => unknown): StartupError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StartupError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('planning migrations against the recorded history', () => {
  it('plans every migration for a new database and only the missing ones for an older one', () => {
    expect(planMigrations([], files).map((m) => m.version)).toEqual([1, 2, 3]);
    expect(planMigrations([row(files[0]!)], files).map((m) => m.version)).toEqual([2, 3]);
    expect(planMigrations(files.map(row), files)).toEqual([]);
  });

  it('refuses a database whose applied migration was edited afterwards', () => {
    const error = refusal(() => planMigrations([{ ...row(files[0]!), checksum: 'other' }], files));
    expect(error.code).toBe('MIGRATION_EDITED');
    expect(error.message).toContain('0001_m1');
  });

  it('refuses a database written by a newer version of the code', () => {
    const error = refusal(() =>
      planMigrations([...files.map(row), { version: 4, name: 'm4', checksum: 'c4' }], files),
    );
    expect(error.code).toBe('MIGRATION_UNKNOWN');
  });

  it('refuses a half-applied history with a gap', () => {
    const error = refusal(() => planMigrations([row(files[0]!), row(files[2]!)], files));
    expect(error.code).toBe('MIGRATION_GAP');
    expect(error.message).toContain('0002');
  });

  it('reads the repository’s migrations in order, numbered without gaps, each with a checksum', () => {
    const migrations = loadMigrations();
    expect(migrations.length).toBeGreaterThan(5);
    migrations.forEach((m, i) => {
      expect(m.version).toBe(i + 1);
      expect(m.checksum).toMatch(/^[0-9a-f]{64}$/);
    });
  });
});
