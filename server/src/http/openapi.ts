/**
 * The OpenAPI 3.1 description of the HTTP API (issue 7, item 5), served at GET /api/openapi.json and rendered at
 * GET /api/docs. It is generated: every request schema below is the very zod constant the route handler validates
 * with (server/contracts/*), turned into JSON Schema 2020-12 by zod's own z.toJSONSchema(); the permission of each
 * operation is read from ROUTE_PERMISSIONS. The table lists every route Express serves — the integration test
 * test/integration/openapi.test.ts walks the router and fails on a route missing here (or listed here but gone).
 */
import { z } from 'zod';
import {
  AreaHotspotsRequest,
  DrillDownRequest,
  HotspotsRequest,
  RatesRequest,
  ScanRequest,
  TableExportRequest,
  TrendsRequest,
} from '../../contracts/analysis';
import { GridListQuery, IdParam, SampleQuery, SubjectCreate, SubjectPatch } from '../../contracts/api';
import { AuditQuery } from '../../contracts/audit';
import {
  CSRF_HEADER,
  LoginRequest,
  PasswordChange,
  ResetPasswordRequest,
  UserCreate,
  UserPatch,
} from '../../contracts/auth';
import { CaseCreate, CaseListQuery, CasePatch, ReferralCase, ReferralQuery } from '../../contracts/cases';
import { ERRORS } from '../../contracts/errors';
import { GridExportQuery, GridImportQuery, RosterUpload } from '../../contracts/grid-exchange';
import {
  ChangeParam,
  ChildrenQuery,
  GridCreate,
  GridDeleteQuery,
  GridEdit,
  GridMerge,
  GridSplit,
  GridUpdate,
  HistoryQuery,
  LevelTopologyQuery,
  NextCodeQuery,
  PosterQuery,
  RosterPut,
  TopologyQuery,
} from '../../contracts/grids';
import { ImportIdParam, ImportRequest } from '../../contracts/imports';
import {
  IndicatorParam,
  IndicatorRecordsQuery,
  IndicatorsQuery,
  TargetUpdate,
} from '../../contracts/indicators';
import { ActivityQuery, TracksQuery } from '../../contracts/patrol-activity';
import {
  BlindSpotsQuery,
  ComplianceQuery,
  CoverageQuery,
  PatrolRulesUpdate,
  PlanCancel,
  PlanEdit,
  PlanRequest,
  PrioritiesQuery,
} from '../../contracts/patrol-plans';
import {
  ClientIdParam,
  PatrolRecordInput,
  PhotoQuery,
  RectificationQuery,
  TodayQuery,
} from '../../contracts/patrol-records';
import {
  PrintAtlasRequest,
  PrintMapRequest,
  PrintReportRequest,
  PrintTableRequest,
} from '../../contracts/print';
import {
  FreshnessQuery,
  RegistrySettingsUpdate,
  RetireRequest,
  SubjectExportQuery,
  SubjectListQuery,
} from '../../contracts/registry';
import { RejudgeRequest, SampleEntry } from '../../contracts/residue';
import {
  CompareQuery,
  InterpolateRequest,
  OverlayQuery,
  RunDeleteQuery,
  RunListQuery,
  RunPatch,
  SoilSampleListQuery,
  StandardValuePatch,
  SurfaceParams,
  ZoningRunCreate,
} from '../../contracts/soil';
import { ViewCreate, ViewDeleteQuery, ViewListQuery, ViewPatch, ViewReorder } from '../../contracts/views';
import { permissionsFor } from '../modules/auth/request-scope';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One operation: Express path (with :params) and the schemas its handler validates with. */
export interface RouteDoc {
  /** 中文 · English */
  summary: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** multipart/form-data with one field "file" (read by the handler itself). */
  upload?: boolean;
  /** Content type(s) of a successful answer (default application/json). */
  produces?: string | readonly string[];
  /** 201 instead of 200 on success. */
  created?: boolean;
  /** No login needed. */
  public?: boolean;
  /** Extra words for the description. */
  note?: string;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const GEOJSON = 'application/geo+json';
const ZIP = 'application/zip';
const PDF = 'application/pdf';

/**
 * Every route, keyed "METHOD /path" as Express mounts it. Import the request schemas from the same constants the
 * handler passes to validate.*; a route that validates nothing with zod says so in its note.
 */
export const API_ROUTES: Record<`${Method} /${string}`, RouteDoc> = {
  // auth
  'POST /api/auth/login': { summary: '登录 · Log in', body: LoginRequest, public: true },
  'POST /api/auth/logout': { summary: '退出登录 · Log out', public: true },
  'GET /api/auth/me': { summary: '当前账户与 CSRF 令牌 · The current account and its CSRF token' },
  'POST /api/auth/password': { summary: '修改本人密码 · Change one’s own password', body: PasswordChange },
  'GET /api/health': { summary: '健康检查 · Health probe', public: true },
  'GET /api/openapi.json': { summary: '本文档（OpenAPI 3.1）· This document (OpenAPI 3.1)' },
  'GET /api/docs': { summary: '接口文档页面 · This document as a page', produces: 'text/html' },
  // admin
  'GET /api/admin/users': { summary: '账户列表 · List accounts' },
  'POST /api/admin/users': { summary: '新建账户 · Create an account', body: UserCreate, created: true },
  'PATCH /api/admin/users/:id': { summary: '修改账户 · Change an account', params: IdParam, body: UserPatch },
  'POST /api/admin/users/:id/reset-password': {
    summary: '重置密码 · Reset a password',
    params: IdParam,
    body: ResetPasswordRequest,
  },
  'GET /api/audit': { summary: '审计日志 · Audit log', query: AuditQuery },
  'GET /api/config': { summary: '客户端配置 · Client configuration' },
  // grids
  'GET /api/grids': {
    summary: '网格列表（GeoJSON）· List grids (GeoJSON)',
    query: GridListQuery,
    produces: GEOJSON,
  },
  'GET /api/grids/:id': { summary: '网格详情 · One grid', params: IdParam, produces: GEOJSON },
  'GET /api/grids/:id/roster.xlsx': {
    summary: '下载网格人员表 · Download a grid’s roster',
    params: IdParam,
    produces: XLSX,
  },
  'PUT /api/grids/:id/roster.xlsx': {
    summary: '上传网格人员表 · Upload a grid’s roster',
    params: IdParam,
    body: RosterUpload,
  },
  'GET /api/grids/export.geojson': {
    summary: '导出网格 GeoJSON · Export grids as GeoJSON',
    query: GridExportQuery,
    produces: GEOJSON,
  },
  'GET /api/grids/export.zip': {
    summary: '导出网格 Shapefile · Export grids as zipped Shapefile',
    query: GridExportQuery,
    produces: ZIP,
  },
  'POST /api/grids/import': {
    summary: '导入网格边界 · Import grid boundaries',
    query: GridImportQuery,
    upload: true,
  },
  'GET /api/grids/topology': {
    summary: '某级网格拓扑检查 · Topology check of one level',
    query: LevelTopologyQuery,
  },
  'GET /api/grids/next-code': { summary: '下一个网格编码 · Next free grid code', query: NextCodeQuery },
  'POST /api/grids/preview': { summary: '预览网格编辑 · Preview a grid edit', body: GridEdit },
  'POST /api/grids/merge': { summary: '合并网格 · Merge grids', body: GridMerge },
  'POST /api/grids/changes/:changeId/revert': {
    summary: '撤销网格变更 · Revert a grid change',
    params: ChangeParam,
  },
  'POST /api/grids': { summary: '新建网格 · Create a grid', body: GridCreate, created: true },
  'PATCH /api/grids/:id': { summary: '修改网格 · Change a grid', params: IdParam, body: GridUpdate },
  'DELETE /api/grids/:id': { summary: '撤销网格 · Retire a grid', params: IdParam, query: GridDeleteQuery },
  'POST /api/grids/:id/split': { summary: '拆分网格 · Split a grid', params: IdParam, body: GridSplit },
  'GET /api/grids/:id/children': { summary: '下级网格 · Child grids', params: IdParam, query: ChildrenQuery },
  'GET /api/grids/:id/topology': {
    summary: '网格拓扑检查 · Topology check of a grid',
    params: IdParam,
    query: TopologyQuery,
  },
  'GET /api/grids/:id/history': {
    summary: '网格变更历史 · History of a grid',
    params: IdParam,
    query: HistoryQuery,
  },
  'GET /api/grids/:id/roster': { summary: '网格人员 · A grid’s roster', params: IdParam },
  'PUT /api/grids/:id/roster': {
    summary: '保存网格人员 · Save a grid’s roster',
    params: IdParam,
    body: RosterPut,
  },
  'GET /api/grids/:id/poster.pdf': {
    summary: '网格公示图（PDF）· Grid poster (PDF)',
    params: IdParam,
    query: PosterQuery,
    produces: PDF,
  },
  'GET /api/grids/:id/poster.png': {
    summary: '网格公示图（PNG）· Grid poster (PNG)',
    params: IdParam,
    query: PosterQuery,
    produces: 'image/png',
  },
  // subjects and registry
  'GET /api/subjects/:id': {
    summary: '生产主体 · One production subject',
    params: IdParam,
    produces: GEOJSON,
  },
  'POST /api/subjects': {
    summary: '新建生产主体 · Create a production subject',
    body: SubjectCreate,
    created: true,
  },
  'PATCH /api/subjects/:id': {
    summary: '修改生产主体 · Change a production subject',
    params: IdParam,
    body: SubjectPatch,
  },
  'POST /api/subjects/:id/retire': {
    summary: '注销生产主体 · Retire a subject',
    params: IdParam,
    body: RetireRequest,
  },
  'POST /api/subjects/:id/restore': {
    summary: '恢复生产主体 · Restore a retired subject',
    params: IdParam,
    body: RetireRequest,
  },
  'GET /api/subjects/:id/events': { summary: '主体变更记录 · A subject’s history', params: IdParam },
  'GET /api/registry/subjects': { summary: '生产主体名录 · The registry list', query: SubjectListQuery },
  'GET /api/registry/subjects.xlsx': {
    summary: '导出名录 Excel · Export the registry list',
    query: SubjectExportQuery,
    produces: XLSX,
  },
  'GET /api/registry/freshness': {
    summary: '名录本年更新情况 · Updated-this-year per grid',
    query: FreshnessQuery,
  },
  'GET /api/registry/settings': { summary: '名录规则 · Registry rules' },
  'PUT /api/registry/settings': {
    summary: '保存名录规则 · Save registry rules',
    body: RegistrySettingsUpdate,
  },
  // samples and residue
  'GET /api/samples': { summary: '抽检样品 · Samples', query: SampleQuery, produces: GEOJSON },
  'GET /api/samples/:id': { summary: '样品详情 · One sample', params: IdParam, produces: GEOJSON },
  'GET /api/residue/reference': { summary: '农残限量参考 · Residue limits reference' },
  'POST /api/residue/samples': {
    summary: '录入检测结果 · Enter a sample with results',
    body: SampleEntry,
    created: true,
  },
  'POST /api/residue/rejudge': { summary: '按新限量重判 · Re-judge under new limits', body: RejudgeRequest },
  // soil
  'GET /api/soil-samples/:id': { summary: '土壤样点 · One soil sample', params: IdParam, produces: GEOJSON },
  'GET /api/soil/samples': {
    summary: '土壤样点列表 · Soil samples',
    query: SoilSampleListQuery,
    produces: GEOJSON,
  },
  'GET /api/soil/standards': { summary: '土壤标准限值 · Soil standard values' },
  'PATCH /api/soil/standards/values/:id': {
    summary: '修改标准限值 · Change a standard value',
    params: IdParam,
    body: StandardValuePatch,
  },
  'GET /api/soil/standards/values/:id/history': {
    summary: '限值修改历史 · History of a standard value',
    params: IdParam,
  },
  'POST /api/analysis/interpolate': { summary: '空间插值 · Interpolate', body: InterpolateRequest },
  'POST /api/soil/runs': {
    summary: '新建分区评价 · Create a zoning run',
    body: ZoningRunCreate,
    created: true,
  },
  'GET /api/soil/runs': { summary: '分区评价列表 · Zoning runs', query: RunListQuery },
  'GET /api/soil/runs/compare': { summary: '比较两次评价 · Compare two runs', query: CompareQuery },
  'GET /api/soil/runs/:id': { summary: '分区评价 · One zoning run', params: IdParam },
  'PATCH /api/soil/runs/:id': { summary: '重命名评价 · Rename a run', params: IdParam, body: RunPatch },
  'DELETE /api/soil/runs/:id': { summary: '删除评价 · Delete a run', params: IdParam, query: RunDeleteQuery },
  'GET /api/soil/runs/:id/surface/:layer': {
    summary: '插值表面 · Interpolated surface',
    params: SurfaceParams,
  },
  'GET /api/soil/runs/:id/zones.geojson': {
    summary: '导出分区 GeoJSON · Export zones as GeoJSON',
    params: IdParam,
    produces: GEOJSON,
  },
  'GET /api/soil/runs/:id/zones.zip': {
    summary: '导出分区 Shapefile · Export zones as Shapefile',
    params: IdParam,
    produces: ZIP,
  },
  'GET /api/soil/runs/:id/subjects': {
    summary: '分区内的主体 · Subjects in the zones',
    params: IdParam,
    query: OverlayQuery,
  },
  'GET /api/soil/runs/:id/subjects.xlsx': {
    summary: '导出分区内主体 · Export subjects in the zones',
    params: IdParam,
    query: OverlayQuery,
    produces: XLSX,
  },
  'GET /api/soil/zones/:id': { summary: '分区详情 · One zone', params: IdParam },
  // patrols
  'GET /api/patrols/rules': { summary: '巡查频次规则 · Patrol frequency rules' },
  'PUT /api/patrols/rules': { summary: '保存巡查规则 · Save patrol rules', body: PatrolRulesUpdate },
  'GET /api/patrols/compliance': { summary: '巡查达标情况 · Patrol compliance', query: ComplianceQuery },
  'GET /api/patrols/priorities': { summary: '巡查优先级 · Patrol priorities', query: PrioritiesQuery },
  'GET /api/patrols/coverage': {
    summary: '巡查覆盖 · Patrol coverage',
    query: CoverageQuery,
    produces: GEOJSON,
  },
  'GET /api/patrols/blind-spots': {
    summary: '巡查盲区 · Patrol blind spots',
    query: BlindSpotsQuery,
    produces: GEOJSON,
  },
  'POST /api/patrols/plans': { summary: '生成巡查计划 · Plan a patrol', body: PlanRequest, created: true },
  'GET /api/patrols/plans/:id.gpx': {
    summary: '巡查路线 GPX · Patrol route as GPX',
    params: IdParam,
    produces: 'application/gpx+xml',
  },
  'GET /api/patrols/plans/:id': { summary: '巡查计划 · One patrol plan', params: IdParam },
  'PATCH /api/patrols/plans/:id': {
    summary: '修改巡查计划 · Change a patrol plan',
    params: IdParam,
    body: PlanEdit,
    note: 'If-Match: the plan’s version.',
  },
  'POST /api/patrols/plans/:id/cancel': {
    summary: '取消巡查计划 · Cancel a patrol plan',
    params: IdParam,
    body: PlanCancel,
  },
  'GET /api/patrols/activity': { summary: '巡查动态 · Patrol activity', query: ActivityQuery },
  'GET /api/patrols/tracks': { summary: '巡查轨迹 · Patrol tracks', query: TracksQuery },
  'PUT /api/patrols/records/:clientId': {
    summary: '提交巡查记录（幂等）· Submit a patrol record (idempotent)',
    params: ClientIdParam,
    body: PatrolRecordInput,
  },
  'GET /api/patrols/records/:clientId': { summary: '巡查记录 · One patrol record', params: ClientIdParam },
  'POST /api/patrols/photos': {
    summary: '上传巡查照片 · Upload a patrol photo',
    query: PhotoQuery,
    upload: true,
    created: true,
  },
  'GET /api/patrols/photos/:id': {
    summary: '巡查照片 · A patrol photo',
    params: IdParam,
    produces: 'image/jpeg',
  },
  'GET /api/patrols/today': { summary: '今日巡查任务 · Today’s patrol tasks', query: TodayQuery },
  'GET /api/patrols/rectifications': { summary: '整改跟踪 · Rectifications', query: RectificationQuery },
  'GET /api/patrols/:id': { summary: '巡查详情 · One patrol', params: IdParam, produces: GEOJSON },
  // imports
  'GET /api/imports/targets': { summary: '可导入的数据 · Import targets' },
  'POST /api/imports': { summary: '上传表格 · Upload a spreadsheet', upload: true, created: true },
  'GET /api/imports/:id': { summary: '上传的表格 · An uploaded spreadsheet', params: ImportIdParam },
  'POST /api/imports/:id/preview': {
    summary: '预览导入 · Preview an import',
    params: ImportIdParam,
    body: ImportRequest,
  },
  'POST /api/imports/:id/commit': {
    summary: '执行导入（全部或全不）· Commit an import (all or nothing)',
    params: ImportIdParam,
    body: ImportRequest,
  },
  // analysis
  'POST /api/analysis/hotspots': { summary: '热点分析 · Hot-spot analysis', body: HotspotsRequest },
  'POST /api/analysis/rates': { summary: '不合格率 · Failure rates', body: RatesRequest },
  'POST /api/analysis/area-hotspots': { summary: '区域热点 · Area hot spots', body: AreaHotspotsRequest },
  'POST /api/analysis/scan': { summary: '空间扫描 · Spatial scan', body: ScanRequest },
  'POST /api/analysis/trends': { summary: '趋势 · Trends', body: TrendsRequest },
  'POST /api/analysis/samples': { summary: '下钻样品 · Drill down to samples', body: DrillDownRequest },
  'POST /api/analysis/samples.xlsx': {
    summary: '导出下钻样品 · Export drilled-down samples',
    body: DrillDownRequest,
    produces: XLSX,
  },
  'POST /api/analysis/export.xlsx': {
    summary: '导出表格 · Export a table',
    body: TableExportRequest,
    produces: XLSX,
  },
  // indicators
  'GET /api/indicators': { summary: '监管指标 · Indicators', query: IndicatorsQuery },
  'GET /api/indicators.xlsx': {
    summary: '导出监管指标 · Export indicators',
    query: IndicatorsQuery,
    produces: XLSX,
  },
  'GET /api/indicators/targets': { summary: '指标目标值 · Indicator targets' },
  'PUT /api/indicators/targets': { summary: '保存目标值 · Save indicator targets', body: TargetUpdate },
  'GET /api/indicators/:indicator/records': {
    summary: '指标明细 · Records behind an indicator',
    params: IndicatorParam,
    query: IndicatorRecordsQuery,
  },
  // print
  'POST /api/print/map': {
    summary: '打印地图（PDF 或 PNG）· Print a map (PDF or PNG)',
    body: PrintMapRequest,
    produces: [PDF, 'image/png'],
  },
  'POST /api/print/atlas': { summary: '打印图集 · Print an atlas', body: PrintAtlasRequest, produces: PDF },
  'POST /api/print/annual-report': {
    summary: '年度报告 · Annual report',
    body: PrintReportRequest,
    produces: PDF,
  },
  'POST /api/print/indicators.xlsx': {
    summary: '打印指标表 · Indicator table',
    body: PrintTableRequest,
    produces: XLSX,
  },
  // cases
  'GET /api/cases': { summary: '执法案件 · Enforcement cases', query: CaseListQuery },
  'GET /api/cases/referrals': {
    summary: '可移送的巡查问题 · Findings that may be referred',
    query: ReferralQuery,
  },
  'GET /api/cases/:id': { summary: '案件详情 · One case', params: IdParam },
  'POST /api/cases': { summary: '新建案件 · Open a case', body: CaseCreate, created: true },
  'POST /api/cases/from-patrol/:id': {
    summary: '由巡查移送立案 · Open a case from a patrol',
    params: IdParam,
    body: ReferralCase,
    created: true,
  },
  'PATCH /api/cases/:id': { summary: '修改案件 · Change a case', params: IdParam, body: CasePatch },
  // views
  'GET /api/views': { summary: '保存的视图 · Saved views', query: ViewListQuery },
  'POST /api/views/reorder': { summary: '视图排序 · Reorder views', body: ViewReorder },
  'POST /api/views': { summary: '保存视图 · Save a view', body: ViewCreate, created: true },
  'GET /api/views/:id': { summary: '视图 · One view', params: IdParam },
  'PATCH /api/views/:id': { summary: '修改视图 · Change a view', params: IdParam, body: ViewPatch },
  'DELETE /api/views/:id': { summary: '删除视图 · Delete a view', params: IdParam, query: ViewDeleteQuery },
  // tiles (vector tiles, TileJSON), OGC API – Features, public boards: no zod schemas, parameters from the path
  'GET /tiles/index.json': { summary: '瓦片图层索引 · Tile layer index' },
  'GET /tiles/:file': {
    summary: '图层 TileJSON（{layer}.json）· TileJSON of a layer',
    note: '`file` is `{layer}.json`.',
  },
  'GET /tiles/:layer/:z/:x/:file': {
    summary: '矢量瓦片 · Vector tile',
    produces: 'application/vnd.mapbox-vector-tile',
    note: '`file` is `{y}.pbf`.',
  },
  'GET /ogc/': { summary: 'OGC API – Features 入口 · Landing page' },
  'GET /ogc/conformance': { summary: '符合性声明 · Conformance' },
  'GET /ogc/collections': { summary: '要素集合 · Collections' },
  'GET /ogc/collections/:id': { summary: '要素集合 · One collection' },
  'GET /ogc/collections/:id/items': {
    summary: '要素 · Features',
    produces: GEOJSON,
    note: 'Query: limit, offset, bbox, datetime and property filters (OGC API – Features Part 1).',
  },
  'GET /ogc/collections/:id/export': {
    summary: '导出图层 · Export a layer',
    note: 'Query: f=geojson|shp|gpkg.',
  },
  'GET /ogc/collections/:id/items/:featureId': { summary: '单个要素 · One feature', produces: GEOJSON },
  'GET /board/:token': {
    summary: '公示牌（公开页面）· Public information board',
    public: true,
    produces: 'text/html',
  },
};

/** Express's `:id` (and `:id.gpx`) as OpenAPI's `{id}`. */
export const openApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}');

const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERRORS) as [keyof typeof ERRORS, ...(keyof typeof ERRORS)[]]),
      message: z
        .string()
        .describe('In the request’s language (zh-CN by default, ?lang=en or Accept-Language).'),
      details: z.unknown().optional().describe('For VALIDATION_FAILED: [{ path, message, code }].'),
      requestId: z.string().optional(),
    }),
  })
  .describe('The error envelope of every failed request (server/contracts/errors.ts).');

type JsonSchema = Record<string, unknown>;

/** JSON Schema 2020-12 of what a request may send (input side of transforms and coercions). */
export function jsonSchemaOf(
  schema: z.ZodType,
  defs: Record<string, JsonSchema>,
  prefix: string,
): JsonSchema {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  const local = json.$defs as Record<string, JsonSchema> | undefined;
  if (!local) return json;
  // Definitions of recursive or reused parts move to components.schemas, where OpenAPI resolves references.
  delete json.$defs;
  const rewrite = (value: JsonSchema) =>
    JSON.parse(
      JSON.stringify(value).replace(/"#\/\$defs\/([^"]+)"/g, `"#/components/schemas/${prefix}_$1"`),
    ) as JsonSchema;
  for (const [name, def] of Object.entries(local)) defs[`${prefix}_${name}`] = rewrite(def);
  return rewrite(json);
}

const STATUS_TEXT: Record<number, string> = {
  400: '请求无效 · Bad request',
  401: '未登录 · Not logged in',
  403: '无权限或超出辖区 · Forbidden or outside the jurisdiction',
  404: '不存在 · Not found',
  409: '冲突（版本或重复）· Conflict (version or duplicate)',
  413: '过大 · Too large',
  415: '内容类型不支持 · Unsupported media type',
  422: '数据不符合规则 · Breaks a rule',
  500: '服务器错误 · Server error',
};

/** Tags are the first path segment, but for a few that belong with another. */
const TAG_ALIASES: Record<string, string> = { openapi: 'docs', 'soil-samples': 'soil', health: 'auth' };

/** Chinese and English names of the tags (areas of the API). */
export const TAG_NAMES: Record<string, string> = {
  admin: '账户管理 · Accounts',
  analysis: '统计分析 · Analysis',
  audit: '审计 · Audit',
  auth: '登录与状态 · Login and health',
  board: '公示牌 · Public boards',
  cases: '执法办案 · Enforcement cases',
  config: '配置 · Configuration',
  docs: '接口文档 · API documentation',
  grids: '网格 · Grids',
  imports: '导入 · Imports',
  indicators: '监管指标 · Indicators',
  ogc: 'OGC API – Features',
  patrols: '巡查 · Patrols',
  print: '打印 · Print',
  registry: '生产主体名录 · Registry',
  residue: '农残检测 · Residue tests',
  samples: '抽检样品 · Samples',
  soil: '土壤 · Soil',
  subjects: '生产主体 · Production subjects',
  tiles: '矢量瓦片 · Vector tiles',
  views: '保存的视图 · Saved views',
};

function mountOf(path: string): { mount: string; rest: string } {
  const mount = ['/api', '/tiles', '/ogc'].find((m) => path.startsWith(`${m}/`));
  return mount ? { mount, rest: path.slice(mount.length) } : { mount: '', rest: path };
}

/** The OpenAPI 3.1 document of the routes in API_ROUTES. */
export function buildOpenApi(version: string): JsonSchema {
  const schemas: Record<string, JsonSchema> = {
    ErrorBody: jsonSchemaOf(ErrorBody, {}, 'ErrorBody'),
  };
  const paths: Record<string, Record<string, unknown>> = {};
  const tags = new Set<string>();
  for (const [key, doc] of Object.entries(API_ROUTES)) {
    const [method, path] = key.split(' ') as [Method, string];
    const { mount, rest } = mountOf(path);
    const first = mount === '/api' ? (rest.split(/[/.]/)[1] ?? 'api') : mount.slice(1) || 'board';
    const tag = TAG_ALIASES[first] ?? first;
    tags.add(tag);
    const opId = `${method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+(\w)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`;
    const parameters: unknown[] = [];
    const paramJson = doc.params ? jsonSchemaOf(doc.params, schemas, `${opId}_params`) : undefined;
    const paramProps = (paramJson?.properties ?? {}) as Record<string, JsonSchema>;
    for (const [, name] of path.matchAll(/:(\w+)/g))
      parameters.push({
        name,
        in: 'path',
        required: true,
        schema: paramProps[name as string] ?? { type: 'string' },
      });
    if (doc.query) {
      const json = jsonSchemaOf(doc.query, schemas, `${opId}_query`);
      const props = json.properties as Record<string, JsonSchema> | undefined;
      if (props) {
        const required = new Set((json.required as string[] | undefined) ?? []);
        for (const [name, schema] of Object.entries(props))
          parameters.push({
            name,
            in: 'query',
            required: required.has(name),
            ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
            schema,
          });
      } else {
        parameters.push({ name: 'query', in: 'query', style: 'form', explode: true, schema: json });
      }
    }
    const needsLogin = !doc.public;
    const permissions = needsLogin ? permissionsFor(method, rest) : [];
    const write = method !== 'GET';
    const errors = [
      ...(doc.params || doc.query || doc.body || doc.upload ? [400] : []),
      ...(needsLogin ? [401, 403] : []),
      ...(doc.params || /:\w/.test(path) ? [404] : []),
      ...(write ? [409, 422] : []),
      ...(doc.upload ? [413, 415] : []),
      500,
    ];
    const responses: Record<string, unknown> = {
      [doc.created ? '201' : '200']: {
        description: doc.created ? '已创建 · Created' : '成功 · OK',
        content: Object.fromEntries(
          [doc.produces ?? 'application/json'].flat().map((type) => [type, { schema: {} }]),
        ),
      },
    };
    for (const status of errors) responses[String(status)] = { $ref: `#/components/responses/E${status}` };
    const operation: Record<string, unknown> = {
      operationId: opId,
      summary: doc.summary,
      tags: [tag],
      description: [
        needsLogin ? `权限 Permission: \`${permissions.join(' | ')}\`` : '无需登录 · No login needed',
        doc.note,
      ]
        .filter(Boolean)
        .join('\n\n'),
      'x-permissions': permissions,
      security: needsLogin
        ? write && mount === '/api'
          ? [{ session: [], csrf: [] }, { basic: [] }]
          : [{ session: [] }, { basic: [] }]
        : [],
      ...(parameters.length ? { parameters } : {}),
      responses,
    };
    if (doc.body)
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchemaOf(doc.body, schemas, `${opId}_body`) } },
      };
    if (doc.upload)
      operation.requestBody = {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' } },
              required: ['file'],
            },
          },
        },
      };
    const openPath = openApiPath(path);
    paths[openPath] = { ...paths[openPath], [method.toLowerCase()]: operation };
  }
  const responses: Record<string, unknown> = {};
  for (const [status, description] of Object.entries(STATUS_TEXT))
    responses[`E${status}`] = {
      description,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
    };
  return {
    openapi: '3.1.0',
    info: {
      title: '农安一张图 API · Nong’an One Map API',
      version,
      description:
        '请求模式由服务端校验请求所用的 zod 模式生成。浏览器以会话 Cookie 登录（POST /api/auth/login），' +
        `修改类请求需在 ${CSRF_HEADER} 头中回传 GET /api/auth/me 给出的令牌；桌面 GIS 可用 HTTP Basic。` +
        '错误统一为 { error: { code, message, details, requestId } }，message 随 lang 参数为中文或英文。\n\n' +
        'Request schemas are generated from the zod schemas the server validates requests with. Browsers log in ' +
        `with a session cookie (POST /api/auth/login) and echo the token from GET /api/auth/me in ${CSRF_HEADER} ` +
        'on state-changing requests; desktop GIS may use HTTP Basic. Every error has the envelope ' +
        '{ error: { code, message, details, requestId } }, message in zh-CN or English (?lang=en).',
    },
    servers: [{ url: '/' }],
    tags: [...tags].sort().map((name) => ({ name, description: TAG_NAMES[name] ?? name })),
    paths,
    components: {
      schemas,
      responses,
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'nongan_session' },
        csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
        basic: { type: 'http', scheme: 'basic' },
      },
    },
  };
}
