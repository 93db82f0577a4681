/**
 * Patrol records synced from phones (issue 6, items 4–6), each write in one transaction:
 *
 * - `syncRecord`: idempotent upsert by the phone's client id. The same record synced again changes nothing and
 *   answers the same result; a changed record needs the version the phone last saw (else 409). The subject must
 *   lie in the grid the inspector names; timestamps in the future are refused; position and track are checked
 *   (domain/patrols/track.ts) and flagged; an on-site sample creates a sample row; a compliant re-patrol closes the
 *   subject's open rectifications.
 * - `addPhoto`: a JPEG, PNG or WebP (checked by its magic bytes) of at most 10 MB, at most 10 per record,
 *   idempotent by the photo's client id.
 */
import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../../db/engine';
import { AppError } from '../../http/app-error';
import {
  PATROL_RECORD_LIMITS,
  type PatrolPhotoResult,
  type PatrolRecordParsed,
  type PatrolRecordResult,
  type PhotoType,
} from '../../../contracts/patrol-records';
import {
  DEFAULT_TRACK_SETTINGS,
  type LonLat,
  type SubjectPlace,
  type TrackFix,
  type TrackSettings,
  checkTrack,
  futureFixes,
} from '../../domain/patrols/track';
import { commodityCategory, existingSampleCodes, insertSamples } from '../residue/residue.repository';

/** Open rectification: not closed by a re-patrol, nor followed by a compliant patrol (rows from before syncing). */
export const OPEN_RECTIFICATION = `p.outcome = 'rectify' AND p.closed_by_patrol_id IS NULL
  AND NOT EXISTS (SELECT 1 FROM patrol c WHERE c.subject_id = p.subject_id AND c.outcome = 'compliant'
                  AND c.patrolled_at > p.patrolled_at)`;

/** The China calendar date of an instant. */
export function chinaDay(ms: number): string {
  return new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

const invalid = (path: string, zh: string, en: string) =>
  new AppError('VALIDATION_FAILED', [{ path, message: en }], { zh, en });

/** Stable JSON (sorted keys) of the record as synced, without the version: equal records hash equal. */
export function payloadHash(input: PatrolRecordParsed): string {
  const { version: _version, ...rest } = input;
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .filter(([, x]) => x !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, x]) => [k, sort(x)]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(sort(rest)))
    .digest('hex');
}

export async function trackSettings(db: Queryable): Promise<TrackSettings> {
  const { rows } = await db.query<{ value: Partial<TrackSettings> }>(
    "SELECT value FROM registry_setting WHERE key = 'patrol_track_checks'",
  );
  return { ...DEFAULT_TRACK_SETTINGS, ...(rows[0]?.value ?? {}) };
}

export async function readResult(db: Queryable, id: number): Promise<PatrolRecordResult> {
  const { rows } = await db.query<PatrolRecordResult>(
    `SELECT p.id::int, p.client_id AS "clientId", p.version, p.subject_id::int AS "subjectId", p.grid_id::int AS "gridId",
       p.outcome, to_char(p.rectify_deadline, 'YYYY-MM-DD') AS "rectifyDeadline",
       p.distance_from_base_m AS "distanceFromBaseM", p.dwell_seconds AS "dwellSeconds",
       p.track_verified AS "trackVerified", p.flags, p.sample_id::int AS "sampleId",
       ARRAY(SELECT c.id::int FROM patrol c WHERE c.closed_by_patrol_id = p.id ORDER BY c.id) AS "closedRectificationIds",
       (SELECT count(*)::int FROM patrol_photo f WHERE f.patrol_id = p.id) AS "photoCount"
     FROM patrol p WHERE p.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND', { resource: 'patrol', id });
  return row;
}

interface SubjectRow {
  id: number;
  name: string;
  gridId: number | null;
  gridName: string | null;
  inGrid: boolean;
  base: SubjectPlace['base'];
  location: LonLat | null;
}

async function subjectInGrid(tx: Queryable, subjectId: number, gridId: number): Promise<SubjectRow> {
  const grid = await tx.query<{ name: string }>('SELECT name FROM grid_unit WHERE id = $1', [gridId]);
  const gridName = grid.rows[0]?.name;
  if (gridName === undefined)
    throw invalid(
      'body.gridId',
      `网格 ${gridId} 不存在或不在您的辖区内`,
      `Grid ${gridId} does not exist or is outside your jurisdiction`,
    );
  const { rows } = await tx.query<SubjectRow>(
    `WITH RECURSIVE below AS (
       SELECT id FROM grid_unit WHERE id = $2
       UNION SELECT g.id FROM grid_unit g JOIN below b ON g.parent_id = b.id
     )
     SELECT s.id::int, s.name, s.grid_id::int AS "gridId", v.name AS "gridName",
       coalesce(s.grid_id, s.owner_grid_id) IN (SELECT id FROM below) AS "inGrid",
       ST_AsGeoJSON(s.base_geom)::json AS base,
       CASE WHEN s.geom IS NULL THEN NULL ELSE json_build_array(ST_X(s.geom), ST_Y(s.geom)) END AS location
     FROM production_subject s LEFT JOIN grid_unit v ON v.id = s.grid_id WHERE s.id = $1`,
    [subjectId, gridId],
  );
  const subject = rows[0];
  if (!subject)
    throw invalid(
      'body.subjectId',
      `生产主体 ${subjectId} 不存在或不在您的辖区内`,
      `Production subject ${subjectId} does not exist or is outside your jurisdiction`,
    );
  if (!subject.inGrid) {
    throw new AppError(
      'OUTSIDE_JURISDICTION',
      [{ path: 'body.subjectId', message: 'subject outside the grid' }],
      {
        zh: `生产主体“${subject.name}”不在网格“${gridName}”内（它属于${subject.gridName ?? '其他网格'}），不能记入本网格的巡查`,
        en: `The production subject "${subject.name}" is not in the grid "${gridName}" (it belongs to ${subject.gridName ?? 'another grid'}); it cannot be patrolled for this grid`,
      },
    );
  }
  return subject;
}

function checkTimes(input: PatrolRecordParsed, now: number, settings: TrackSettings): TrackFix[] {
  const tolerance = settings.futureToleranceMs;
  if (Date.parse(input.patrolledAt) > now + tolerance)
    throw invalid('body.patrolledAt', '巡查时间不能晚于当前时间', 'The patrol time cannot be in the future');
  const track = input.track.map((f) => ({ lon: f.lon, lat: f.lat, t: Date.parse(f.at) }));
  const future = futureFixes(track, now, tolerance);
  if (future.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      future.slice(0, 20).map((i) => ({ path: `body.track.${i}.at`, message: 'timestamp in the future' })),
      {
        zh: `轨迹中有 ${future.length} 个点的时间晚于当前时间（第 ${(future[0] as number) + 1} 个起），请检查手机时钟`,
        en: `${future.length} track points are timestamped in the future (from point ${(future[0] as number) + 1}); check the phone's clock`,
      },
    );
  }
  for (let i = 1; i < track.length; i++) {
    if ((track[i] as TrackFix).t < (track[i - 1] as TrackFix).t)
      throw invalid(`body.track.${i}.at`, '轨迹点须按时间先后排列', 'Track points must be in time order');
  }
  return track;
}

async function createSample(
  tx: Queryable,
  input: PatrolRecordParsed,
  subject: SubjectRow,
): Promise<number | null> {
  const s = input.sample;
  if (!s) return null;
  const category = await commodityCategory(tx, s.commodity);
  if (!category)
    throw new AppError('REFERENCE_NOT_FOUND', [{ path: 'body.sample.commodity', value: s.commodity }], {
      zh: `商品“${s.commodity}”不在商品分类中`,
      en: `The commodity "${s.commodity}" is not in the commodity tree`,
    });
  if ((await existingSampleCodes(tx, [s.code])).size > 0)
    throw new AppError('DUPLICATE', [{ path: 'body.sample.code', value: s.code }], {
      zh: `样品编号 ${s.code} 已存在`,
      en: `A sample with code ${s.code} already exists`,
    });
  const at: LonLat | null = input.position ? [input.position.lon, input.position.lat] : subject.location;
  if (!at)
    throw invalid(
      'body.sample',
      '现场抽样需要位置（手机定位或主体位置）',
      'An on-site sample needs a position (GPS or the subject’s location)',
    );
  const [id] = await insertSamples(tx, [
    {
      code: s.code,
      kind: s.kind,
      sampledAt: input.patrolledAt,
      commodity: s.commodity,
      category,
      subjectId: subject.id,
      lon: at[0],
      lat: at[1],
      lab: null,
      results: [],
    },
  ]);
  return id ?? null;
}

function lineOf(track: TrackFix[]): { geom: string | null; times: string | null } {
  const distinct = new Set(track.map((f) => `${f.lon},${f.lat}`));
  if (track.length < 2 || distinct.size < 2) return { geom: null, times: null };
  return {
    geom: JSON.stringify({ type: 'LineString', coordinates: track.map((f) => [f.lon, f.lat]) }),
    times: JSON.stringify(track.map((f) => new Date(f.t).toISOString())),
  };
}

export async function syncRecord(
  db: Db,
  clientId: string,
  input: PatrolRecordParsed,
  user: string,
  now = Date.now(),
): Promise<{ created: boolean; result: PatrolRecordResult }> {
  const hash = payloadHash(input);
  return db.transaction(
    async (tx) => {
      const existing = await tx.query<{ id: number; version: number; payloadHash: string | null }>(
        'SELECT id::int, version, payload_hash AS "payloadHash" FROM patrol WHERE client_id = $1 FOR UPDATE',
        [clientId],
      );
      const found = existing.rows[0];
      if (found && found.payloadHash === hash)
        return { created: false, result: await readResult(tx, found.id) };
      if (found && input.version !== found.version) {
        throw new AppError(
          'VERSION_CONFLICT',
          { id: found.id, version: found.version, sent: input.version ?? null },
          {
            zh: `该巡查记录已同步为第 ${found.version} 版，与本机的修改不一致；请刷新后再修改`,
            en: `This patrol record was already synced as version ${found.version}; the changes on this phone are based on another version — reload before editing`,
          },
        );
      }
      const settings = await trackSettings(tx);
      const track = checkTimes(input, now, settings);
      const subject = await subjectInGrid(tx, input.subjectId, input.gridId);
      const position: LonLat | null = input.position ? [input.position.lon, input.position.lat] : null;
      const check = checkTrack(position, track, { base: subject.base, location: subject.location }, settings);
      const line = lineOf(track);
      const values: unknown[] = [
        input.subjectId,
        input.inspectorName,
        input.patrolledAt,
        JSON.stringify(input.checklist),
        input.outcome,
        input.outcome === 'rectify' ? (input.rectifyDeadline ?? null) : null,
        input.notes ?? null,
        line.geom,
        line.times,
        position ? position[0] : null,
        position ? position[1] : null,
        input.position?.accuracyM ?? null,
        check.distanceFromBaseM,
        track.length >= 2 ? check.dwellSeconds : null,
        check.trackVerified,
        check.flags,
        hash,
      ];
      const existingSample = found
        ? ((
            await tx.query<{ sampleId: number | null }>(
              'SELECT sample_id::int AS "sampleId" FROM patrol WHERE id = $1',
              [found.id],
            )
          ).rows[0]?.sampleId ?? null)
        : null;
      const sampleId = existingSample ?? (await createSample(tx, input, subject));
      values.push(sampleId);
      const columns: [string, string][] = [
        ['subject_id', '$1'],
        ['inspector_name', '$2'],
        ['patrolled_at', '$3::timestamptz'],
        ['checklist', '$4::jsonb'],
        ['outcome', '$5'],
        ['rectify_deadline', '$6::date'],
        ['notes', '$7'],
        [
          'geom',
          'CASE WHEN $8::text IS NULL THEN NULL ELSE ST_SetSRID(ST_GeomFromGeoJSON($8::text), 4326) END',
        ],
        [
          'track_times',
          `CASE WHEN $9::text IS NULL THEN NULL ELSE ARRAY(SELECT x::timestamptz
             FROM json_array_elements_text($9::json) WITH ORDINALITY AS t(x, n) ORDER BY n) END`,
        ],
        [
          'position',
          'CASE WHEN $10::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($10::float8, $11::float8), 4326) END',
        ],
        ['position_accuracy_m', '$12::float8'],
        ['distance_from_base_m', '$13::float8'],
        ['dwell_seconds', '$14::float8'],
        ['track_verified', '$15'],
        ['flags', '$16::text[]'],
        ['payload_hash', '$17'],
        ['sample_id', '$18::bigint'],
      ];
      let id: number;
      let created = false;
      if (found) {
        await tx.query(
          `UPDATE patrol SET ${columns.map(([c, e]) => `${c} = ${e}`).join(', ')} WHERE id = $19`,
          [...values, found.id],
        );
        id = found.id;
      } else {
        const inserted = await tx.query<{ id: number }>(
          `INSERT INTO patrol (${columns.map(([c]) => c).join(', ')}, client_id)
           VALUES (${columns.map(([, e]) => e).join(', ')}, $19::uuid)
           ON CONFLICT (client_id) DO NOTHING RETURNING id::int`,
          [...values, clientId],
        );
        const row = inserted.rows[0];
        if (!row) {
          // Synced twice at the same instant: the other request made the row (and its sample: undo ours).
          if (sampleId !== null && existingSample === null)
            throw new AppError(
              'VERSION_CONFLICT',
              { clientId },
              {
                zh: '该记录正在同时同步，请重试',
                en: 'This record is being synced at the same time; try again',
              },
            );
          const again = await tx.query<{ id: number }>('SELECT id::int FROM patrol WHERE client_id = $1', [
            clientId,
          ]);
          return { created: false, result: await readResult(tx, (again.rows[0] as { id: number }).id) };
        }
        id = row.id;
        created = true;
      }
      if (input.outcome === 'compliant') {
        await tx.query(
          `UPDATE patrol p SET closed_by_patrol_id = $1, closed_at = now()
           WHERE p.subject_id = $2 AND p.id <> $1 AND p.outcome = 'rectify' AND p.closed_by_patrol_id IS NULL
             AND p.patrolled_at < $3::timestamptz`,
          [id, input.subjectId, input.patrolledAt],
        );
      }
      return { created, result: await readResult(tx, id) };
    },
    { user },
  );
}

/** The image type from the file's first bytes, or null. */
export function imageTypeOf(bytes: Uint8Array): PhotoType | null {
  const at = (i: number) => bytes[i];
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.every((b, i) => at(i) === b)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export async function addPhoto(
  db: Db,
  recordClientId: string,
  photoClientId: string,
  checkKey: string | null,
  bytes: Buffer,
  user: string,
): Promise<{ created: boolean; photo: PatrolPhotoResult }> {
  const type = imageTypeOf(bytes);
  if (!type)
    throw new AppError(
      'UNSUPPORTED_FILE',
      [{ path: 'body.file', message: 'not a JPEG, PNG or WebP image' }],
      {
        zh: '照片须为 JPEG、PNG 或 WebP 格式',
        en: 'The photo must be a JPEG, PNG or WebP image',
      },
    );
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return db.transaction(
    async (tx) => {
      const record = await tx.query<{ id: number }>('SELECT id::int FROM patrol WHERE client_id = $1', [
        recordClientId,
      ]);
      const patrolId = record.rows[0]?.id;
      if (patrolId === undefined)
        throw new AppError(
          'NOT_FOUND',
          { resource: 'patrol', clientId: recordClientId },
          {
            zh: '找不到这条巡查记录：请先同步记录再上传照片',
            en: 'No such patrol record: sync the record before its photos',
          },
        );
      const select = `SELECT id::int, client_id AS "clientId", patrol_id::int AS "patrolId", content_type AS "contentType",
        size_bytes AS "sizeBytes", sha256 FROM patrol_photo`;
      const same = await tx.query<PatrolPhotoResult & { sha256: string }>(`${select} WHERE client_id = $1`, [
        photoClientId,
      ]);
      const old = same.rows[0];
      if (old) {
        if (old.sha256 !== sha256 || old.patrolId !== patrolId)
          throw new AppError(
            'DUPLICATE',
            { photo: photoClientId },
            {
              zh: '该照片编号已用于另一张照片',
              en: 'This photo id is already used by another photo',
            },
          );
        const { sha256: _sha, ...photo } = old;
        return { created: false, photo };
      }
      const count = await tx.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM patrol_photo WHERE patrol_id = $1',
        [patrolId],
      );
      if ((count.rows[0]?.n ?? 0) >= PATROL_RECORD_LIMITS.photosPerRecord)
        throw new AppError('VALIDATION_FAILED', [{ path: 'body.file', message: 'too many photos' }], {
          zh: `每条巡查记录最多 ${PATROL_RECORD_LIMITS.photosPerRecord} 张照片`,
          en: `At most ${PATROL_RECORD_LIMITS.photosPerRecord} photos per patrol record`,
        });
      const { rows } = await tx.query<PatrolPhotoResult>(
        `INSERT INTO patrol_photo (client_id, patrol_id, check_key, content_type, size_bytes, sha256, content)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING id::int, client_id AS "clientId", patrol_id::int AS "patrolId", content_type AS "contentType",
                   size_bytes AS "sizeBytes"`,
        [photoClientId, patrolId, checkKey, type, bytes.length, sha256, bytes],
      );
      return { created: true, photo: rows[0] as PatrolPhotoResult };
    },
    { user },
  );
}
