import { createHash, randomUUID } from 'node:crypto';
import type { Mapping } from '../../domain/imports/mapping';
import type { Queryable } from '../../db/engine';

export interface StoredFile {
  id: string;
  filename: string;
  contentType: string;
  data: Buffer;
  committedAt: string | null;
  committedTarget: string | null;
}

export async function storeFile(
  db: Queryable,
  filename: string,
  kind: string,
  bytes: Buffer,
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO import_file (id, filename, content_type, size_bytes, sha256, data) VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, filename.slice(0, 255), kind, bytes.length, createHash('sha256').update(bytes).digest('hex'), bytes],
  );
  return id;
}

export async function getFile(db: Queryable, id: string, lock = false): Promise<StoredFile | null> {
  const { rows } = await db.query<StoredFile>(
    `SELECT id, filename, content_type AS "contentType", data, committed_at AS "committedAt", committed_target AS "committedTarget"
     FROM import_file WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [id],
  );
  const row = rows[0];
  return row ? { ...row, data: Buffer.from(row.data) } : null;
}

export async function markCommitted(db: Queryable, id: string, target: string): Promise<void> {
  await db.query(`UPDATE import_file SET committed_at = now(), committed_target = $2 WHERE id = $1`, [
    id,
    target,
  ]);
}

export async function rememberedMapping(
  db: Queryable,
  target: string,
  signature: string,
): Promise<Mapping | null> {
  const { rows } = await db.query<{ mapping: Mapping }>(
    `SELECT mapping FROM import_mapping WHERE target = $1 AND header_signature = $2`,
    [target, signature],
  );
  return rows[0]?.mapping ?? null;
}

export async function rememberMapping(
  db: Queryable,
  target: string,
  signature: string,
  mapping: Mapping,
  options: object,
): Promise<void> {
  await db.query(
    `INSERT INTO import_mapping (target, header_signature, mapping, options) VALUES ($1, $2, $3, $4)
     ON CONFLICT (target, header_signature) DO UPDATE SET mapping = EXCLUDED.mapping, options = EXCLUDED.options`,
    [target, signature, JSON.stringify(mapping), JSON.stringify(options)],
  );
}
