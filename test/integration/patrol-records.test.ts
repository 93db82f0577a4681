/**
 * The patrol record synced from a phone (issue 6, items 4–6), over HTTP on both engines: idempotent sync,
 * version conflicts, a subject of another township, future timestamps, the position and track checks, photos,
 * the on-site sample, today's list and the follow-up of rectifications.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/src/db/engine';
import type {
  PatrolPhotoResult,
  PatrolRecordResult,
  RectificationList,
  TodayPlan,
} from '../../server/contracts/patrol-records';
import { type FixtureCounty, makeCounty, uniqueCode } from '../support/fixtures';
import { type TestServer, request, startServer } from '../support/http';
import { openTestDb, testEngine } from '../support/test-db';

let db: Db;
let server: TestServer;
let county: FixtureCounty;
/** A co-operative in village 1 (township 1) with a 0.002° square base at p1, and a family farm in village 3. */
let coop: { id: number; base: [number, number] };
let farm: { id: number };

const DAY = 24 * 3600 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10);

async function subject(name: string, type: string, at: [number, number], withBase: boolean): Promise<number> {
  const [x, y] = at;
  const base = withBase
    ? `SRID=4326;MULTIPOLYGON(((${x} ${y},${x + 0.002} ${y},${x + 0.002} ${y + 0.002},${x} ${y + 0.002},${x} ${y})))`
    : null;
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO production_subject (code, name, type, geom, base_geom)
     VALUES ($1, $2, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326), ST_GeomFromEWKT($6)) RETURNING id::int`,
    [uniqueCode('PR'), name, type, x + 0.001, y + 0.001, base],
  );
  return (rows[0] as { id: number }).id;
}

const checklist = (problem?: string) =>
  Object.fromEntries(
    [
      'production_records',
      'input_purchase',
      'drug_use',
      'additives',
      'waste_disposal',
      'certificates',
      'other',
    ].map((c) => [
      c,
      c === problem ? { status: 'problem', note: '未建立生产记录' } : { status: c === 'other' ? 'na' : 'ok' },
    ]),
  );

function record(overrides: Record<string, unknown> = {}) {
  const start = Date.now() - 2 * 3600 * 1000;
  const [x, y] = coop.base;
  return {
    gridId: county.townshipIds[0],
    subjectId: coop.id,
    inspectorName: '张伟',
    patrolledAt: iso(start),
    checklist: checklist(),
    outcome: 'compliant',
    position: { lon: x + 0.001, lat: y + 0.001, accuracyM: 8 },
    // six minutes inside the base, one fix a minute, uneven steps
    track: [0, 1, 2, 3, 4, 5, 6].map((m) => ({
      lon: x + 0.0003 + m * 0.0002 + (m % 2) * 0.00005,
      lat: y + 0.001,
      at: iso(start + m * 60_000 + (m % 3) * 1000),
    })),
    ...overrides,
  };
}

const put = (clientId: string, body: unknown) =>
  request<PatrolRecordResult & { error?: { message: string; code: string } }>(
    server.url,
    `/api/patrols/records/${clientId}`,
    {
      method: 'PUT',
      body,
    },
  );

beforeAll(async () => {
  db = await openTestDb();
  county = await makeCounty(db);
  const p1 = county.villagePoints[0] as [number, number];
  coop = { id: await subject('丰收蔬菜专业合作社', 'cooperative', p1, true), base: p1 };
  farm = {
    id: await subject('西乡家庭农场', 'family_farm', county.villagePoints[2] as [number, number], false),
  };
  server = await startServer(db);
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe(`patrol records synced from phones (${testEngine()})`, () => {
  it('makes one row of a record synced twice and answers the same result', async () => {
    const clientId = randomUUID();
    const body = record();
    const first = await put(clientId, body);
    expect(first.status).toBe(201);
    expect(first.body.trackVerified).toBe(true);
    expect(first.body.flags).toEqual([]);
    expect(first.body.distanceFromBaseM).toBe(0);
    const second = await put(clientId, body);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    const { rows } = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM patrol WHERE client_id = $1',
      [clientId],
    );
    expect(rows[0]?.n).toBe(1);
    const read = await request<PatrolRecordResult>(server.url, `/api/patrols/records/${clientId}`);
    expect(read.body).toEqual(first.body);
  });

  it('refuses a changed record with a stale version (409) and takes it with the current one', async () => {
    const clientId = randomUUID();
    const body = record();
    const first = await put(clientId, body);
    const changed = { ...body, notes: '补充：仓库已整理' };
    const stale = await put(clientId, changed);
    expect(stale.status).toBe(409);
    expect(stale.body.error?.code).toBe('VERSION_CONFLICT');
    const ok = await put(clientId, { ...changed, version: first.body.version });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(first.body.version + 1);
    expect(ok.body.id).toBe(first.body.id);
  });

  it('refuses a subject of another township with a message naming both', async () => {
    const response = await put(randomUUID(), record({ subjectId: farm.id }));
    expect(response.status).toBe(403);
    expect(response.body.error?.message).toContain('西乡家庭农场');
    expect(response.body.error?.message).toContain('东镇');
    const en = await request<{ error: { message: string } }>(
      server.url,
      `/api/patrols/records/${randomUUID()}`,
      {
        method: 'PUT',
        body: record({ subjectId: farm.id }),
        headers: { 'accept-language': 'en' },
      },
    );
    expect(en.body.error.message).toContain('is not in the grid');
  });

  it('refuses timestamps in the future, saying which track point', async () => {
    const base = record();
    const track = [...base.track, { lon: coop.base[0], lat: coop.base[1], at: iso(Date.now() + DAY) }];
    const response = await put(randomUUID(), { ...base, track });
    expect(response.status).toBe(400);
    expect(response.body.error?.message).toContain('晚于当前时间');
    const future = await put(randomUUID(), record({ patrolledAt: iso(Date.now() + DAY) }));
    expect(future.status).toBe(400);
  });

  it('flags a record taken far from the base and a track with a 100 km jump', async () => {
    const start = Date.now() - 3 * 3600 * 1000;
    const [x, y] = coop.base;
    const response = await put(
      randomUUID(),
      record({
        position: { lon: x + 0.001, lat: y + 0.02 }, // ≈ 2.1 km north
        track: [
          { lon: x + 0.001, lat: y + 0.001, at: iso(start) },
          { lon: x + 1.001, lat: y + 0.001, at: iso(start + 60_000) },
        ],
      }),
    );
    expect(response.status).toBe(201);
    expect(response.body.flags).toEqual(['far_from_base', 'impossible_speed', 'track_jump']);
    expect(response.body.trackVerified).toBe(false);
    expect(response.body.distanceFromBaseM).toBeGreaterThan(2000);
  });

  it('tracks a rectification, lists it overdue per grid and closes it with a compliant re-patrol', async () => {
    // a subject of its own: the compliant patrols of the other tests would close (follow) its rectification
    const [vx, vy] = county.villagePoints[1] as [number, number];
    const sid = await subject('整改测试合作社', 'cooperative', [vx + 0.05, vy - 0.05], true);
    const own = { subjectId: sid, position: { lon: vx + 0.051, lat: vy - 0.049 }, track: [] };
    const patrolled = Date.now() - 20 * DAY;
    const rectify = await put(
      randomUUID(),
      record({
        ...own,
        patrolledAt: iso(patrolled),
        checklist: checklist('production_records'),
        outcome: 'rectify',
        rectifyDeadline: day(Date.now() - 5 * DAY),
      }),
    );
    expect(rectify.status).toBe(201);
    const list = await request<RectificationList>(
      server.url,
      `/api/patrols/rectifications?gridId=${county.townshipIds[0]}&overdue=true`,
    );
    expect(list.status).toBe(200);
    const item = list.body.items.find((i) => i.patrolId === rectify.body.id);
    expect(item?.overdueDays).toBe(5);
    expect(item?.subject.name).toBe('整改测试合作社');
    expect(list.body.perGrid).toContainEqual(
      expect.objectContaining({ gridId: county.villageIds[1], name: '二村', overdue: 1 }),
    );
    const today = await request<TodayPlan>(server.url, `/api/patrols/today?gridId=${county.townshipIds[0]}`);
    expect(today.body.subjects.find((s) => s.id === sid)?.openRectification).toMatchObject({
      id: rectify.body.id,
      overdue: true,
    });

    const repatrol = await put(randomUUID(), record(own));
    expect(repatrol.body.closedRectificationIds).toEqual([rectify.body.id]);
    const after = await request<RectificationList>(
      server.url,
      `/api/patrols/rectifications?gridId=${county.townshipIds[0]}`,
    );
    expect(after.body.items.map((i) => i.patrolId)).not.toContain(rectify.body.id);
  });

  it('refuses a rectification without a deadline, in the user’s language', async () => {
    const response = await put(
      randomUUID(),
      record({ outcome: 'rectify', checklist: checklist('drug_use'), rectifyDeadline: null }),
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('整改期限');
  });

  it('creates a sample row for an on-site sample, once', async () => {
    const clientId = randomUUID();
    const code = uniqueCode('XC');
    const body = record({ sample: { code, commodity: '菠菜', kind: 'rapid' } });
    const first = await put(clientId, body);
    expect(first.status).toBe(201);
    expect(first.body.sampleId).toEqual(expect.any(Number));
    await put(clientId, body);
    const { rows } = await db.query<{ n: number; subject: number; verdict: string }>(
      'SELECT count(*)::int AS n, max(subject_id)::int AS subject, max(verdict) AS verdict FROM sample WHERE code = $1',
      [code],
    );
    expect(rows[0]).toEqual({ n: 1, subject: coop.id, verdict: 'pending' });
  });

  it('lists the due subjects of the grid, nearest first', async () => {
    const [x, y] = county.villagePoints[1] as [number, number];
    const near = await subject('近处种植大户', 'large_grower', [x, y], false);
    const plan = await request<TodayPlan>(
      server.url,
      `/api/patrols/today?gridId=${county.townshipIds[0]}&lon=${x + 0.001}&lat=${y + 0.001}`,
    );
    expect(plan.status).toBe(200);
    expect(plan.body.subjects[0]?.id).toBe(near);
    expect(plan.body.subjects[0]).toMatchObject({ requiredThisYear: 1, patrolsThisYear: 0, distanceM: 0 });
    expect(plan.body.subjects.map((s) => s.id)).not.toContain(farm.id);
  });

  describe('photos', () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(64, 7),
    ]);
    const upload = async (recordId: string, photoId: string, bytes: Buffer) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), 'photo.png');
      const response = await fetch(
        `${server.url}/api/patrols/photos?record=${recordId}&photo=${photoId}&check=production_records`,
        { method: 'POST', body: form },
      );
      return {
        status: response.status,
        body: (await response.json()) as PatrolPhotoResult & { error?: { message: string } },
      };
    };

    it('stores a PNG once, serves it back, and refuses what is not an image', async () => {
      const recordId = randomUUID();
      await put(recordId, record());
      const photoId = randomUUID();
      const first = await upload(recordId, photoId, png);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ contentType: 'image/png', sizeBytes: png.length });
      expect((await upload(recordId, photoId, png)).status).toBe(200);
      const image = await fetch(`${server.url}/api/patrols/photos/${first.body.id}`);
      expect(image.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);
      const text = await upload(recordId, randomUUID(), Buffer.from('not an image at all'));
      expect(text.status).toBe(415);
      expect(text.body.error?.message).toContain('JPEG');
      const result = await request<PatrolRecordResult>(server.url, `/api/patrols/records/${recordId}`);
      expect(result.body.photoCount).toBe(1);
    });

    it('refuses an eleventh photo and one larger than 10 MB, and photos of a record not synced', async () => {
      const recordId = randomUUID();
      await put(recordId, record());
      for (let i = 0; i < 10; i++) expect((await upload(recordId, randomUUID(), png)).status).toBe(201);
      const eleventh = await upload(recordId, randomUUID(), png);
      expect(eleventh.status).toBe(400);
      expect(eleventh.body.error?.message).toContain('10');
      const big = Buffer.concat([png, Buffer.alloc(10 * 1024 * 1024)]);
      expect((await upload(randomUUID(), randomUUID(), big)).status).toBe(413);
      expect((await upload(randomUUID(), randomUUID(), png)).status).toBe(404);
    });
  });
});
