/**
 * GET /api/openapi.json — the OpenAPI 3.1 document (server/src/http/openapi.ts) — and GET /api/docs, the same
 * document as a plain HTML page rendered here: no scripts, nothing from a CDN (docs/decisions.md). Both sit behind
 * login like the rest of /api (docs/security.md).
 */
import { readFileSync } from 'node:fs';
import { Router } from 'express';
import { buildOpenApi } from '../../http/openapi';

type Json = Record<string, unknown>;

const version = (() => {
  try {
    const pkg = JSON.parse(
      readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8'),
    ) as Json;
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
})();

let cached: Json | undefined;
/** Built once per process: the table and the schemas do not change while it runs. */
export const openApiDocument = (): Json => (cached ??= buildOpenApi(version));

const esc = (text: unknown): string =>
  String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** A short type label of a JSON schema: "integer", "string (date)", "enum: a | b", "array". */
function typeOf(schema: Json | undefined): string {
  if (!schema) return '';
  if (Array.isArray(schema.enum)) return `enum: ${(schema.enum as unknown[]).map(String).join(' | ')}`;
  if (schema.const !== undefined) return `= ${String(schema.const)}`;
  const format = typeof schema.format === 'string' ? ` (${schema.format})` : '';
  if (typeof schema.type === 'string') return `${schema.type}${format}`;
  const alternatives = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (alternatives) return alternatives.map(typeOf).join(' | ');
  return 'any';
}

const STYLE = `
body{font:15px/1.5 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1d2733;background:#f6f8fa}
header{background:#1f5d3a;color:#fff;padding:16px 20px}header h1{margin:0;font-size:20px}
header p{margin:6px 0 0;opacity:.9;font-size:13px}header a{color:#fff}
main{max-width:1100px;margin:0 auto;padding:12px 16px 40px}
nav{display:flex;flex-wrap:wrap;gap:6px;margin:12px 0}nav a{background:#fff;border:1px solid #cfd8e3;
border-radius:14px;padding:2px 10px;text-decoration:none;color:#1f5d3a;font-size:13px}
h2{margin:28px 0 8px;font-size:18px;border-bottom:2px solid #1f5d3a;padding-bottom:4px}
details.op{background:#fff;border:1px solid #d5dde6;border-radius:6px;margin:6px 0}
details.op>summary{cursor:pointer;padding:8px 10px;display:flex;flex-wrap:wrap;gap:8px;align-items:baseline}
.m{font:600 12px ui-monospace,monospace;padding:2px 6px;border-radius:4px;color:#fff;min-width:52px;text-align:center}
.GET{background:#2b6cb0}.POST{background:#2f855a}.PUT{background:#b7791f}.PATCH{background:#6b46c1}.DELETE{background:#c53030}
code,.p{font-family:ui-monospace,monospace;font-size:13px;word-break:break-all}.s{color:#4a5563}
.body{padding:4px 12px 12px;border-top:1px solid #e5eaf0}
table{border-collapse:collapse;width:100%;font-size:13px;margin:6px 0}th,td{border:1px solid #e2e8f0;padding:4px 6px;
text-align:left;vertical-align:top}th{background:#f1f5f9}
details details>summary{cursor:pointer;font-size:13px;color:#1f5d3a}.t{overflow-x:auto}
pre{background:#f8fafc;border:1px solid #e2e8f0;padding:8px;overflow:auto;max-height:420px;font-size:12px}
.perm{font-size:13px;margin:6px 0}
@media (max-width:600px){details.op>summary{gap:4px}.s{flex-basis:100%}main{padding:8px}}
`;

/** Constraints worth a word: default, ranges, lengths, item counts. */
function notesOf(schema: Json | undefined): string {
  if (!schema) return '';
  const notes: string[] = [];
  if (typeof schema.description === 'string') notes.push(schema.description);
  if (schema.default !== undefined) notes.push(`default ${JSON.stringify(schema.default)}`);
  const max = schema.maximum as number | undefined;
  if (schema.minimum !== undefined) notes.push(`≥ ${String(schema.minimum)}`);
  if (schema.exclusiveMinimum !== undefined) notes.push(`> ${String(schema.exclusiveMinimum)}`);
  if (max !== undefined && max < Number.MAX_SAFE_INTEGER) notes.push(`≤ ${max}`);
  if (schema.minLength !== undefined && schema.minLength !== 0)
    notes.push(`length ≥ ${String(schema.minLength)}`);
  if (schema.maxLength !== undefined) notes.push(`length ≤ ${String(schema.maxLength)}`);
  if (schema.minItems !== undefined) notes.push(`items ≥ ${String(schema.minItems)}`);
  if (schema.maxItems !== undefined) notes.push(`items ≤ ${String(schema.maxItems)}`);
  return notes.join('; ');
}

const HEAD =
  '<tr><th>名称 Name</th><th>位置 In</th><th>必填 Req.</th><th>类型 Type</th><th>说明 Notes</th></tr>';
const row = (name: unknown, where: string, required: boolean, schema: Json | undefined) =>
  `<tr><td><code>${esc(name)}</code></td><td>${esc(where)}</td><td>${required ? '✓' : ''}</td><td>${esc(typeOf(schema))}</td><td>${esc(notesOf(schema))}</td></tr>`;

/** Top-level fields of an object body as table rows (other shapes are shown only as JSON Schema). */
function bodyRows(schema: Json): string {
  const props = schema.properties as Record<string, Json> | undefined;
  if (!props) return '';
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(props)
    .map(([name, s]) => row(name, 'body', required.has(name), s))
    .join('');
}

/** `code` in the descriptions as <code>. */
const inline = (text: unknown) => esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');

/** The document as one readable page, grouped by tag. */
export function renderDocs(doc: Json): string {
  const info = doc.info as Json;
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const byTag = new Map<string, string[]>();
  for (const [path, operations] of Object.entries(paths))
    for (const [method, op] of Object.entries(operations)) {
      const tag = (op.tags as string[])[0] ?? 'api';
      const params = (op.parameters as Json[] | undefined) ?? [];
      const rows = params
        .map((p) => row(p.name, String(p.in), p.required === true, p.schema as Json))
        .join('');
      const body = op.requestBody as { content: Record<string, { schema: Json }> } | undefined;
      const bodyHtml = body
        ? Object.entries(body.content)
            .map(([type, media]) => {
              const fields = bodyRows(media.schema);
              return `<p><b>请求体 Request body</b> <code>${esc(type)}</code></p>${fields ? `<div class="t"><table>${HEAD}${fields}</table></div>` : ''}<details><summary>JSON Schema</summary><pre>${esc(JSON.stringify(media.schema, null, 2))}</pre></details>`;
            })
            .join('')
        : '';
      const responses = Object.keys(op.responses as Json).join(' · ');
      const html = `<details class="op" id="${esc(op.operationId)}"><summary><span class="m ${method.toUpperCase()}">${method.toUpperCase()}</span><span class="p">${esc(path)}</span><span class="s">${esc(op.summary)}</span></summary><div class="body"><p class="perm">${inline(op.description).replace(/\n\n/g, '<br>')}</p>${rows ? `<div class="t"><table>${HEAD}${rows}</table></div>` : ''}${bodyHtml}<p class="s">响应 Responses: ${esc(responses)} · <a href="#errors">错误格式 error envelope</a></p></div></details>`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  const tags = [...byTag.keys()].sort();
  const names = new Map(
    (doc.tags as { name: string; description?: string }[]).map((t) => [t.name, t.description]),
  );
  const label = (t: string) => names.get(t) ?? t;
  const errorSchema = ((doc.components as Json).schemas as Json).ErrorBody;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(info.title)}</title><style>${STYLE}</style></head><body><header><h1>${esc(info.title)}</h1><p>OpenAPI ${esc(doc.openapi)} · ${esc(info.version)} · <a href="openapi.json">openapi.json</a></p></header><main><p class="s">${esc(info.description).replace(/\n\n/g, '<br><br>')}</p><nav>${tags.map((t) => `<a href="#tag-${esc(t)}">${esc(label(t))}</a>`).join('')}</nav>${tags.map((t) => `<h2 id="tag-${esc(t)}">${esc(label(t))}</h2>${(byTag.get(t) ?? []).join('')}`).join('')}<h2 id="errors">错误格式 · Error envelope</h2><pre>${esc(JSON.stringify(errorSchema, null, 2))}</pre></main></body></html>`;
}

export function apiDocsRoutes(): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.json(openApiDocument());
  });
  router.get('/docs', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(renderDocs(openApiDocument()));
  });
  return router;
}
