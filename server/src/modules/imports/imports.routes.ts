import { Router } from 'express';
import {
  ImportIdParam,
  type ImportPreview,
  ImportRequest,
  type ImportTargetInfo,
} from '../../../contracts/imports';
import type { Lang } from '../../../contracts/errors';
import type { Db } from '../../db/engine';
import { AppError } from '../../http/app-error';
import { requestLang } from '../../http/lang';
import { validate } from '../../http/validate';
import type { RowProblem } from './import-target';
import { commit, describeUpload, type Prepared, preview, upload } from './imports.service';
import { IMPORT_TARGETS } from './registry';
import { LIMITS } from './spreadsheet';
import { receiveFile } from './upload';
import { authorOf } from '../auth/auth.middleware';

const MAX_PROBLEMS = 1000;
const MAX_PREVIEW_FEATURES = 20_000;

const localise = (lang: Lang) => (p: RowProblem) => ({
  row: p.row,
  column: p.column,
  code: p.code,
  message: lang === 'en' ? p.message.en : p.message.zh,
});

function previewBody(prepared: Prepared, lang: Lang): ImportPreview {
  return {
    target: prepared.target.id,
    sheet: prepared.sheet.name,
    headerRow: prepared.sheet.headerRow,
    headers: prepared.sheet.headers,
    mapping: prepared.mapping,
    mappingSource: prepared.mappingSource,
    mappingProblems: prepared.mappingProblems.map((p) => ({
      field: p.field,
      column: p.column,
      message: lang === 'en' ? p.message.en : p.message.zh,
    })),
    rowCount: prepared.sheet.rows.length,
    validRowCount: prepared.sheet.rows.length - new Set(prepared.problems.map((p) => p.row)).size,
    problems: prepared.problems.slice(0, MAX_PROBLEMS).map(localise(lang)),
    problemCount: prepared.problems.length,
    preview: {
      type: 'FeatureCollection',
      features: prepared.geometries
        .slice(0, MAX_PREVIEW_FEATURES)
        .map(({ row, geometry }) => ({ type: 'Feature', id: row, geometry, properties: { row } })),
    },
  };
}

export function importRoutes(db: Db): Router {
  const router = Router();

  /** GET /api/imports/targets — what can be imported, with each target's fields. */
  router.get('/imports/targets', (_req, res) => {
    const targets: ImportTargetInfo[] = [...IMPORT_TARGETS.values()].map((t) => ({
      id: t.id,
      label: t.label,
      fields: t.fields.map(({ key, type, required, label, values }) => ({
        key,
        type,
        required,
        label,
        ...(values ? { values } : {}),
      })),
    }));
    res.json(targets);
  });

  /** POST /api/imports — upload one spreadsheet (multipart/form-data, field "file"); 201 with its sheets. */
  router.post('/imports', async (req, res) => {
    const file = await receiveFile(req, LIMITS.fileBytes);
    const summary = await upload(db, file, authorOf(req));
    res.status(201).location(`/api/imports/${summary.id}`).json(summary);
  });

  router.get('/imports/:id', async (req, res) => {
    const { id } = validate.params(req, ImportIdParam);
    res.json(await describeUpload(db, id));
  });

  /** POST /api/imports/:id/preview — the mapping used, every problem with its row and column, and the rows on a map. */
  router.post('/imports/:id/preview', async (req, res) => {
    const { id } = validate.params(req, ImportIdParam);
    const request = validate.body(req, ImportRequest);
    res.json(previewBody(await preview(db, id, request, authorOf(req)), requestLang(req)));
  });

  /** POST /api/imports/:id/commit — writes all rows or none; 422 IMPORT_REJECTED with the row report otherwise. */
  router.post('/imports/:id/commit', async (req, res) => {
    const { id } = validate.params(req, ImportIdParam);
    const request = validate.body(req, ImportRequest);
    const outcome = await commit(db, id, request, authorOf(req));
    if ('result' in outcome) return void res.json(outcome.result);
    const body = previewBody(outcome.rejected, requestLang(req));
    const code = body.mappingProblems.length > 0 ? 'MAPPING_INVALID' : 'IMPORT_REJECTED';
    throw new AppError(code, {
      problemCount: body.problemCount,
      problems: body.problems,
      mappingProblems: body.mappingProblems,
    });
  });

  return router;
}
