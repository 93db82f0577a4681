/**
 * API documentation (issue 7, item 5) on both engines: GET /api/openapi.json is an OpenAPI 3.1 document whose
 * references all resolve, it documents every route Express serves (read from the router, so a route added without
 * documentation fails here) and nothing that is not served, its request schemas say what the server really
 * accepts and refuses, and it and its page /api/docs sit behind login like the rest of /api.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, ErrorDetail } from '../../server/contracts/errors';
import type { Db } from '../../server/src/db/engine';
import { API_ROUTES, openApiPath } from '../../server/src/http/openapi';
import { request, startServer, type TestServer } from '../support/http';
import { appRoutes, type Route } from '../support/routes';
import { openTestDb, testEngine } from '../support/test-db';

type Json = Record<string, unknown>;
interface Operation {
  summary: string;
  tags: string[];
  parameters?: { name: string; in: string; required: boolean; schema: Json }[];
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, Json>;
  'x-permissions': string[];
}

let db: Db;
let admin: TestServer;
let anonymous: TestServer;
let doc: Json;
let routes: Route[];

beforeAll(async () => {
  db = await openTestDb();
  admin = await startServer(db);
  anonymous = await startServer(db, {}, { as: null });
  routes = appRoutes(db);
  const res = await request<Json>(admin.url, '/api/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
});
afterAll(async () => {
  await admin?.close();
  await anonymous?.close();
  await db?.close();
});

const operation = (method: string, path: string): Operation | undefined =>
  ((doc.paths as Record<string, Record<string, Operation>>)[openApiPath(path)] ?? {})[method.toLowerCase()];

const bodySchema = (method: string, path: string): Json => {
  const op = operation(method, path);
  const schema = op?.requestBody?.content['application/json']?.schema;
  if (!schema) throw new Error(`${method} ${path} documents no JSON body`);
  return schema;
};

/** The fields a 400 answer says are missing or of the wrong type, as "body.name". */
const problemPaths = (body: ErrorBody) => ((body.error.details ?? []) as ErrorDetail[]).map((d) => d.path);

describe(`OpenAPI document (${testEngine()})`, () => {
  it('is an OpenAPI 3.1 document: version, info, paths, components, operations with responses', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    const info = doc.info as Json;
    expect(typeof info.title).toBe('string');
    expect(typeof info.version).toBe('string');
    const components = doc.components as Json;
    expect(Object.keys(components.schemas as Json)).toContain('ErrorBody');
    expect(Object.keys(components.securitySchemes as Json).sort()).toEqual(['basic', 'csrf', 'session']);
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Operation>>)) {
      expect(path.startsWith('/'), path).toBe(true);
      expect(path, 'Express :params must be written {params}').not.toMatch(/:\w/);
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries(item)) {
        expect(['get', 'post', 'put', 'patch', 'delete']).toContain(method);
        const opId = (op as unknown as Json).operationId as string;
        expect(ids.has(opId), `duplicate operationId ${opId}`).toBe(false);
        ids.add(opId);
        expect(op.summary.length).toBeGreaterThan(0);
        expect(Object.keys(op.responses).length).toBeGreaterThan(1);
        // Every templated segment is a required path parameter and no other path parameter is declared.
        const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
        expect(declared.map((p) => p.name).sort(), `${method} ${path}`).toEqual(templated);
        expect(declared.every((p) => p.required)).toBe(true);
      }
    }
  });

  it('resolves every $ref inside the document', () => {
    const text = JSON.stringify(doc);
    const refs = [...text.matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1] as string);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) {
      expect(ref.startsWith('#/'), ref).toBe(true);
      let node: unknown = doc;
      for (const part of ref.slice(2).split('/')) node = (node as Json | undefined)?.[part];
      expect(node, `unresolved ${ref}`).toBeTypeOf('object');
    }
  });

  it('documents every route Express serves, and only those', () => {
    const served = new Set<string>();
    for (const route of routes) {
      // A route mounted on several paths (['/', '']) comes out of the walk joined by commas: any one documented.
      const alternatives = route.path.split(',').map((p) => (p.startsWith('/') ? p : `${p}/`));
      const documented = alternatives.find((p) => operation(route.method, p));
      expect(
        documented,
        `${route.method} ${route.path} is served but not in server/src/http/openapi.ts`,
      ).toBeDefined();
      served.add(`${route.method} ${documented}`);
    }
    expect(routes.length).toBeGreaterThan(100);
    // …and nothing is documented that the server does not serve.
    expect(Object.keys(API_ROUTES).filter((key) => !served.has(key))).toEqual([]);
  });

  it('names the permission of each operation from the route table, and the error envelope', () => {
    expect(operation('GET', '/api/audit')?.['x-permissions']).toEqual(['audit.read']);
    expect(operation('POST', '/api/subjects')?.['x-permissions']).toEqual(['registry.edit']);
    expect(operation('PUT', '/api/registry/settings')?.['x-permissions']).toEqual(['settings.edit']);
    expect(operation('GET', '/api/openapi.json')?.['x-permissions']).toEqual(['read']);
    expect(operation('POST', '/api/auth/login')?.['x-permissions']).toEqual([]);
    const error = operation('POST', '/api/views')?.responses['400'];
    expect(error).toEqual({ $ref: '#/components/responses/E400' });
    const schemas = (doc.components as Json).schemas as Record<string, Json>;
    const envelope = (schemas.ErrorBody?.properties as Record<string, Json>).error as Json;
    expect(envelope.required).toEqual(expect.arrayContaining(['code', 'message']));
    expect(((envelope.properties as Record<string, Json>).code as Json).enum).toContain('VALIDATION_FAILED');
  });
});

describe(`documented request schemas match what the server validates (${testEngine()})`, () => {
  // Each of these bodies is refused for missing fields; the server names exactly the fields the document marks
  // required (it reports every top-level field it misses).
  for (const [method, path] of [
    ['POST', '/api/views'],
    ['POST', '/api/cases'],
    ['POST', '/api/admin/users'],
    ['POST', '/api/soil/runs'],
  ] as const) {
    it(`${method} ${path}: an empty body is refused for the fields the document marks required`, async () => {
      const schema = bodySchema(method, path);
      const required = (schema.required as string[] | undefined) ?? [];
      expect(required.length).toBeGreaterThan(0);
      const res = await request<ErrorBody>(admin.url, path, { method, body: {} });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      const missing = problemPaths(res.body)
        .filter((p) => p.split('.').length === 2)
        .map((p) => p.slice('body.'.length));
      expect(new Set(missing)).toEqual(new Set(required));
    });
  }

  it('POST /api/auth/login: a number for the username is refused where the document says string', async () => {
    const props = bodySchema('POST', '/api/auth/login').properties as Record<string, Json>;
    expect(props.username?.type).toBe('string');
    const res = await request<ErrorBody>(anonymous.url, '/api/auth/login', {
      method: 'POST',
      body: { username: 12345, password: 'whatever-password' },
    });
    expect(res.status).toBe(400);
    expect(problemPaths(res.body)).toContain('body.username');
  });

  it('GET /api/registry/subjects: query types and enums as documented are refused and accepted alike', async () => {
    const params = operation('GET', '/api/registry/subjects')?.parameters ?? [];
    const status = params.find((p) => p.name === 'status');
    expect(status?.in).toBe('query');
    expect(status?.schema.enum).toEqual(expect.arrayContaining(['active', 'retired']));
    expect(status?.schema.enum).not.toContain('deleted');
    const refused = await request<ErrorBody>(admin.url, '/api/registry/subjects?status=deleted');
    expect(refused.status).toBe(400);
    expect(problemPaths(refused.body)).toContain('query.status');
    for (const value of status?.schema.enum as string[]) {
      const accepted = await request(admin.url, `/api/registry/subjects?status=${value}`);
      expect(accepted.status, value).toBe(200);
    }
    const gridId = params.find((p) => p.name === 'gridId');
    expect(gridId?.schema.type).toBe('integer');
    const notInteger = await request<ErrorBody>(admin.url, '/api/registry/subjects?gridId=1.5');
    expect(notInteger.status).toBe(400);
    expect(problemPaths(notInteger.body)).toContain('query.gridId');
  });

  it('GET /api/cases/referrals: the required query parameter moved out of the handler is documented', async () => {
    const gridId = operation('GET', '/api/cases/referrals')?.parameters?.find((p) => p.name === 'gridId');
    expect(gridId).toMatchObject({ in: 'query', required: true, schema: { type: 'integer' } });
    const res = await request<ErrorBody>(admin.url, '/api/cases/referrals');
    expect(res.status).toBe(400);
    expect(problemPaths(res.body)).toContain('query.gridId');
  });
});

describe(`access and the readable page (${testEngine()})`, () => {
  it('needs a login, like the rest of /api', async () => {
    for (const path of ['/api/openapi.json', '/api/docs']) {
      const res = await request<ErrorBody>(anonymous.url, path);
      expect(res.status, path).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('renders the document as a page without scripts or outside resources', async () => {
    const res = await request<string>(admin.url, '/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = res.body;
    expect(html).toContain('/api/registry/subjects');
    expect(html).toContain('生产主体名录');
    expect(html).toContain('registry.edit');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="https?:/i);
  });
});
