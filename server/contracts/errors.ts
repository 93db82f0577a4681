/**
 * Error codes of the HTTP API. Every error response has the shape
 * `{ "error": { "code", "message", "details", "requestId" } }` with `message` in the request's language.
 */

export type Lang = 'zh-CN' | 'en';

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    details?: unknown;
    requestId?: string;
  };
}

/** One problem in a request, located by a path into the request (e.g. "body.geometry.coordinates.0"). */
export interface ErrorDetail {
  path: string;
  message: string;
  code?: string;
}

export const ERRORS = {
  VALIDATION_FAILED: { status: 400, zh: '请求内容不符合要求', en: 'The request is not valid' },
  INVALID_JSON: { status: 400, zh: '请求体不是合法的 JSON', en: 'The request body is not valid JSON' },
  BAD_TILE_COORDINATES: { status: 400, zh: '瓦片坐标无效', en: 'Invalid tile coordinates' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please log in' },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  OUTSIDE_JURISDICTION: {
    status: 403,
    zh: '超出您的管辖范围：只能查看和修改本辖区网格内的记录',
    en: 'Outside your jurisdiction: you may only read and change records of your own grids',
  },
  CSRF_FAILED: {
    status: 403,
    zh: '请求缺少有效的安全令牌，请刷新页面后重试',
    en: 'The request lacks a valid security token; reload the page and try again',
  },
  ACCOUNT_LOCKED: { status: 423, zh: '账户已暂时锁定', en: 'The account is temporarily locked' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  NOT_FOUND: { status: 404, zh: '找不到所请求的记录', en: 'The requested record does not exist' },
  ROUTE_NOT_FOUND: { status: 404, zh: '没有这个接口', en: 'No such endpoint' },
  UNKNOWN_LAYER: { status: 404, zh: '没有这个图层', en: 'No such layer' },
  METHOD_NOT_ALLOWED: {
    status: 405,
    zh: '该接口不支持此请求方法',
    en: 'Method not allowed on this endpoint',
  },
  VERSION_CONFLICT: {
    status: 409,
    zh: '该记录已被他人修改，请刷新后再编辑',
    en: 'The record was changed by someone else; reload it before editing',
  },
  DUPLICATE: { status: 409, zh: '与已有记录重复', en: 'Duplicates an existing record' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '请求内容过大', en: 'The request is too large' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: '请求内容类型应为 application/json 或 application/geo+json',
    en: 'The request content type must be application/json or application/geo+json',
  },
  UNSUPPORTED_FILE: {
    status: 415,
    zh: '不支持的文件类型：请上传 Excel（.xlsx/.xls）或 CSV 文件',
    en: 'Unsupported file: upload an Excel (.xlsx/.xls) or CSV file',
  },
  FILE_UNREADABLE: { status: 422, zh: '文件无法读取', en: 'The file cannot be read' },
  MAPPING_INVALID: { status: 422, zh: '列对应关系不正确', en: 'The column mapping is not valid' },
  IMPORT_REJECTED: {
    status: 422,
    zh: '导入未执行：文件中有错误，未写入任何数据',
    en: 'Nothing was imported: the file has errors, no data was written',
  },
  ALREADY_COMMITTED: { status: 409, zh: '该文件已经导入过', en: 'This file has already been imported' },
  OUTSIDE_COUNTY: {
    status: 422,
    zh: '位置不在本县网格范围内',
    en: 'The location is outside the county grids',
  },
  INVALID_GEOMETRY: { status: 422, zh: '几何图形无效', en: 'The geometry is invalid' },
  TOPOLOGY_CONFLICT: {
    status: 422,
    zh: '网格之间会出现重叠、缝隙或越界，未保存',
    en: 'The grids would overlap, leave a gap or cross their parent; nothing was saved',
  },
  EDIT_REFUSED: { status: 422, zh: '无法执行该网格编辑', en: 'This grid edit cannot be done' },
  CONSTRAINT_VIOLATION: { status: 422, zh: '数据不符合规则', en: 'The data breaks a rule' },
  REFERENCE_NOT_FOUND: { status: 422, zh: '引用的记录不存在', en: 'A referenced record does not exist' },
  ANALYSIS_NOT_POSSIBLE: {
    status: 422,
    zh: '无法按要求分析这些数据',
    en: 'The data cannot be analysed as asked',
  },
  ANALYSIS_TOO_LARGE: {
    status: 413,
    zh: '数据量超出分析上限，请缩小范围',
    en: 'Too much data for this analysis; narrow it down',
  },
  EXPORT_TOO_LARGE: {
    status: 413,
    zh: '要导出的要素超出上限，请缩小范围',
    en: 'Too many features to export; narrow it down',
  },
  TOO_FEW_SAMPLES: {
    status: 422,
    zh: '样点太少，至少需要 3 个不同位置的样点',
    en: 'Too few samples: at least 3 distinct locations are needed',
  },
  SINGULAR_SYSTEM: {
    status: 422,
    zh: '克里金方程组奇异，无法求解（请检查重复点位或变异函数参数）',
    en: 'The kriging system is singular (check for repeated locations or the variogram)',
  },
  VARIOGRAM_FIT_FAILED: {
    status: 422,
    zh: '无法拟合变异函数，请手工设定参数',
    en: 'The variogram could not be fitted; set its parameters by hand',
  },
  NO_STANDARD_VALUE: {
    status: 422,
    zh: '标准中没有该元素在此土地利用类型和 pH 下的限值',
    en: 'The standard has no value for this metal, land use and pH',
  },
  AREA_TOO_LARGE: {
    status: 422,
    zh: '范围过大或网格过细',
    en: 'The area is too large or the grid too fine',
  },
  TILE_TIMEOUT: {
    status: 503,
    zh: '瓦片生成超时，请稍后重试',
    en: 'The tile took too long to build; try again',
  },
  UNAVAILABLE: { status: 503, zh: '服务暂不可用', en: 'The service is unavailable' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

export function errorMessage(code: ErrorCode, lang: Lang): string {
  return lang === 'en' ? ERRORS[code].en : ERRORS[code].zh;
}
