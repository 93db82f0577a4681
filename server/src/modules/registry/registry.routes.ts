import { Router } from 'express';
import type { Lang } from '../../../contracts/errors';
import {
  CERTIFICATION_LABELS,
  CREDIT_CLASS_LABELS,
  type Label,
  SUBJECT_TYPE_LABELS,
} from '../../../contracts/labels';
import {
  FreshnessQuery,
  RegistrySettingsUpdate,
  SubjectExportQuery,
  type SubjectList,
  type SubjectListItem,
  SubjectListQuery,
} from '../../../contracts/registry';
import type { Db } from '../../db/engine';
import { AppError } from '../../http/app-error';
import { requestLang } from '../../http/lang';
import { validate } from '../../http/validate';
import { chinaDate } from '../../lib/china-date';
import { type ExcelColumn, sendXlsx, xlsxBuffer } from '../exports/excel';
import { registryFreshness, listSubjects } from './registry.repository';
import { registrySettings, registrySettingsView, saveRegistrySettings } from './registry-settings.repository';

/** Largest list exported to one Excel file. */
const MAX_EXPORT_ROWS = 100_000;

const pick = (label: Label, lang: Lang) => (lang === 'en' ? label.en : label.zh);

function exportColumns(lang: Lang): ExcelColumn<SubjectListItem>[] {
  const yes = lang === 'en' ? 'yes' : '是';
  const no = lang === 'en' ? 'no' : '否';
  const h = (zh: string, en: string) => (lang === 'en' ? en : zh);
  return [
    { header: h('主体编码', 'Code'), width: 22, value: (r) => r.code },
    { header: h('主体名称', 'Name'), width: 32, value: (r) => r.name },
    { header: h('主体类型', 'Type'), width: 16, value: (r) => pick(SUBJECT_TYPE_LABELS[r.type], lang) },
    { header: h('乡镇', 'Township'), width: 12, value: (r) => r.township?.name ?? null },
    { header: h('村', 'Village'), width: 12, value: (r) => r.village?.name ?? null },
    { header: h('法定代表人', 'Legal representative'), width: 12, value: (r) => r.legalRep },
    { header: h('联系电话', 'Phone'), width: 15, value: (r) => r.phone },
    { header: h('地址', 'Address'), width: 30, value: (r) => r.address },
    {
      header: h('信用等级', 'Credit class'),
      width: 16,
      value: (r) => (r.creditClass ? pick(CREDIT_CLASS_LABELS[r.creditClass], lang) : null),
    },
    { header: h('重点监管', 'Key list'), width: 10, value: (r) => (r.keyList ? yes : no) },
    {
      header: h('三品一标', 'Certifications'),
      width: 24,
      value: (r) =>
        r.certifications.map((c) => pick(CERTIFICATION_LABELS[c], lang)).join(lang === 'en' ? ', ' : '、'),
    },
    { header: h('追溯平台', 'Traceability'), width: 10, value: (r) => (r.traceability ? yes : no) },
    { header: h('合格证', 'Certificates'), width: 10, value: (r) => (r.issuesCertificate ? yes : no) },
    { header: h('有位置', 'Located'), width: 8, value: (r) => (r.hasLocation ? yes : no) },
    {
      header: h('疑似重复', 'Possible duplicate'),
      width: 10,
      value: (r) => (r.possibleDuplicate ? yes : no),
    },
    {
      header: h('状态', 'Status'),
      width: 8,
      value: (r) => (r.status === 'active' ? h('在营', 'active') : h('已注销', 'retired')),
    },
    { header: h('更新时间', 'Updated'), width: 20, value: (r) => r.updatedAt.slice(0, 10) },
  ];
}

export function registryRoutes(db: Db): Router {
  const router = Router();

  /** GET /api/registry/subjects — search, filter, sort and page the registry. */
  router.get('/registry/subjects', async (req, res) => {
    const query = validate.query(req, SubjectListQuery);
    const { duplicateDistanceM } = await registrySettings(db);
    const { total, items } = await listSubjects(db, query, duplicateDistanceM, query);
    const body: SubjectList = { total, limit: query.limit, offset: query.offset, items };
    res.json(body);
  });

  /** GET /api/registry/subjects.xlsx — the same list (all pages) as an Excel file. */
  router.get('/registry/subjects.xlsx', async (req, res) => {
    const query = validate.query(req, SubjectExportQuery);
    const lang = requestLang(req);
    const { duplicateDistanceM } = await registrySettings(db);
    const { total, items } = await listSubjects(
      db,
      { ...query, limit: MAX_EXPORT_ROWS, offset: 0 },
      duplicateDistanceM,
      { limit: MAX_EXPORT_ROWS, offset: 0 },
    );
    if (total > MAX_EXPORT_ROWS) {
      throw new AppError(
        'VALIDATION_FAILED',
        { total, limit: MAX_EXPORT_ROWS },
        {
          zh: `符合条件的主体有 ${total} 个，超过单个文件 ${MAX_EXPORT_ROWS} 行的上限，请缩小筛选范围`,
          en: `${total} subjects match, more than the ${MAX_EXPORT_ROWS} rows one file can hold; narrow the filter`,
        },
      );
    }
    const name = lang === 'en' ? 'Registry' : '生产主体名录';
    sendXlsx(res, `${name}-${chinaDate()}.xlsx`, await xlsxBuffer(name, exportColumns(lang), items));
  });

  /** GET /api/registry/freshness?year=&level=&gridId= — updated this year, per grid (annex 1: at least yearly). */
  router.get('/registry/freshness', async (req, res) => {
    const query = validate.query(req, FreshnessQuery);
    const year = query.year ?? Number(chinaDate().slice(0, 4));
    res.json(await registryFreshness(db, year, query.level, query.gridId ?? null));
  });

  /** GET /api/registry/settings — the key-list rule and duplicate distance in force, with their versions. */
  router.get('/registry/settings', async (_req, res) => {
    res.json(await registrySettingsView(db));
  });

  /** PUT /api/registry/settings — change both (settings.edit; 409 on a stale version). */
  router.put('/registry/settings', async (req, res) => {
    res.json(await saveRegistrySettings(db, validate.body(req, RegistrySettingsUpdate)));
  });

  return router;
}
