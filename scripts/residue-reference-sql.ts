/**
 * Prints the SQL that brings the residue reference tables from one release of reference.json to the next, for a
 * new migration (applied migrations are never edited; test/unit/domain/residue/judge.test.ts checks that the
 * migrations hold exactly this output):
 *   npx tsx scripts/residue-reference-sql.ts server/src/domain/residue/data/reference-2026-11-1.json \
 *     server/src/domain/residue/data/reference.json
 * With one file it prints the full load (as in migration 0013).
 */
import fs from 'node:fs';
import type { ReferenceData } from '../server/src/domain/residue/reference';
import { referenceDeltaSql, referenceSql } from '../server/src/domain/residue/reference-sql';

const read = (file: string): ReferenceData => JSON.parse(fs.readFileSync(file, 'utf8')) as ReferenceData;
const [first, second] = process.argv.slice(2);
if (!first) {
  process.stderr.write('usage: residue-reference-sql.ts [previous.json] next.json\n');
  process.exit(2);
}
process.stdout.write(second ? referenceDeltaSql(read(first), read(second)) : referenceSql(read(first)));
