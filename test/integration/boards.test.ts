/**
 * Public information boards (公示牌) on both engines: a public page that shows what annex 2 of the Changji plan
 * shows — and nothing else about the subject —, escapes what it prints, carries a QR code of its own address,
 * prints on A4, and answers a retired subject and an unknown token clearly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubjectFeature } from '../../server/contracts/api';
import type { Db } from '../../server/src/db/engine';
import { type FixtureCounty, makeCounty, uniqueCode } from '../support/fixtures';
import { request, startServer, type TestServer } from '../support/http';
import { openTestDb, testEngine } from '../support/test-db';

let db: Db;
let server: TestServer;
let county: FixtureCounty;
let subject: SubjectFeature;

beforeAll(async () => {
  db = await openTestDb();
  server = await startServer(db);
  county = await makeCounty(db);
  const res = await request<SubjectFeature>(server.url, '/api/subjects', {
    method: 'POST',
    body: {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: county.villagePoints[0] },
      properties: {
        code: uniqueCode('B'),
        name: '绿源<script>alert(1)</script>蔬菜专业合作社',
        type: 'cooperative',
        creditClass: 'A',
        traceability: true,
        issuesCertificate: false,
        legalRep: '王秘密',
        legalRepIdNumber: '11010519491231002X',
        address: '东镇一村机密路8号',
        phone: '13511112222',
        internalControllerName: '赵内检',
        internalControllerPhone: '13833334444',
      },
    },
  });
  subject = res.body;
});
afterAll(async () => {
  await server.close();
  await db.close();
});

const board = (path: string, lang = 'zh-CN') =>
  fetch(`${server.url}${path}`, { headers: { 'accept-language': lang } });

describe(`public information boards (${testEngine()})`, () => {
  it('shows the unit type, credit class, traceability, the three responsible people with phones, the promise and the banned list', async () => {
    const response = await board(subject.properties.boardPath);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('农产品质量安全监管信息公示');
    expect(html).toContain('<li class="on"><span class="box" aria-hidden="true">☑</span>农民专业合作社</li>');
    expect(html).toContain('class="grade grade-A"');
    expect(html).toContain('已在国家追溯平台开展追溯');
    expect(html).toMatch(/<li class="off">[^<]*<span[^>]*>☐<\/span>已开具食用农产品合格证/);
    for (const text of ['协管员1', '13900000010', '张伟', '13900000002', '赵内检', '13833334444'])
      expect(html).toContain(text);
    expect(html).toContain('农产品质量安全承诺书');
    expect(html).toContain('克百威');
    expect(html).toContain('<svg');
  });

  it('exposes nothing else about the subject: no code, ID number, legal representative, address or phone of the unit', async () => {
    const html = await (await board(subject.properties.boardPath)).text();
    for (const secret of [
      subject.properties.code,
      '11010519491231002X',
      '110105',
      '王秘密',
      '机密路',
      '13511112222',
    ]) {
      expect(html).not.toContain(secret);
    }
  });

  it('escapes what it prints from the registry', async () => {
    const html = await (await board(subject.properties.boardPath)).text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('绿源&lt;script&gt;alert(1)&lt;/script&gt;蔬菜专业合作社');
  });

  it('carries a QR code of its own address, and can be read in English', async () => {
    const html = await (await board(`${subject.properties.boardPath}?lang=en`)).text();
    expect(html).toContain(`${server.url}${subject.properties.boardPath}`);
    expect(html).toContain('Agricultural product quality-safety supervision notice');
    expect(html).toContain('carbofuran');
  });

  it('prints on one A4 sheet with the app’s own stylesheet', async () => {
    const css = await (await fetch(`${server.url}/board-assets/board.css`)).text();
    expect(css).toMatch(/@page\s*\{\s*size: A4 portrait/);
  });

  it('answers 404 for an unknown or malformed token and 410 for a retired subject, in words', async () => {
    const unknown = await board('/board/00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('没有这块公示牌');
    expect((await board('/board/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
    const retired = await request<SubjectFeature>(server.url, `/api/subjects/${subject.id}/retire`, {
      method: 'POST',
      body: { version: subject.properties.version, reason: '合作社解散' },
    });
    expect(retired.status).toBe(200);
    const gone = await board(subject.properties.boardPath);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('已从生产主体名录中注销');
  });
});
