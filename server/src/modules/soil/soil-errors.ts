/**
 * Expected failures of the soil and geostatistics domain code → AppErrors with bilingual messages saying what is
 * wrong and where. `where` locates inputs: for the analysis API the path of the points in the request body; for
 * zoning runs of stored samples, their ids and codes.
 */
import type { Failure } from '../../domain/geostats/result';
import type { SoilFailure } from '../../domain/soil/classify';
import { AppError } from '../../http/app-error';

export interface Locator {
  /** Path of input point i in the request ("body.points.features.3"), or null for stored samples. */
  pointPath(i: number): string | null;
  /** A readable name of input point i (a sample code, or "point 4"). */
  pointName(i: number): string;
  /** Longitude/latitude of a position in the projected plane (for singular systems). */
  toLonLat?(x: number, y: number): [number, number];
}

const PARAMETER_ZH: Record<string, string> = {
  power: '幂指数',
  maxNeighbors: '最大邻点数',
  maxDistance: '搜索半径',
  nugget: '块金值',
  psill: '偏基台值',
  range: '变程',
  model: '模型',
};

export function toAppError(failure: Failure | SoilFailure, where: Locator): AppError {
  const d = failure.detail as Record<string, unknown>;
  switch (failure.reason) {
    case 'TOO_FEW_POINTS':
      return new AppError(
        'TOO_FEW_SAMPLES',
        { count: d.count, minimum: 3 },
        {
          zh: `只有 ${String(d.count)} 个不同位置的样点，插值至少需要 3 个`,
          en: `Only ${String(d.count)} distinct sample locations; interpolation needs at least 3`,
        },
      );
    case 'DUPLICATE_LOCATIONS': {
      const [i, j] = d.indices as [number, number];
      const path = where.pointPath(j);
      return new AppError(
        'VALIDATION_FAILED',
        [
          {
            path: path ? `${path}.geometry` : 'samples',
            message: `same location as ${where.pointName(i)}`,
            code: 'duplicate_location',
          },
        ],
        {
          zh: `${where.pointName(i)} 与 ${where.pointName(j)} 位置相同；同一位置的多个值请先合并（如取平均）`,
          en: `${where.pointName(i)} and ${where.pointName(j)} are at the same location; merge repeated values first (e.g. average them)`,
        },
      );
    }
    case 'NON_FINITE_VALUE': {
      const path = where.pointPath(d.index as number);
      return new AppError(
        'VALIDATION_FAILED',
        [{ path: path ?? 'samples', message: 'not a finite number', code: 'not_finite' }],
        {
          zh: `${where.pointName(d.index as number)} 的数值无效`,
          en: `${where.pointName(d.index as number)} has no valid number`,
        },
      );
    }
    case 'NEGATIVE_CONCENTRATION': {
      const i = d.index as number | undefined;
      const path = i === undefined ? null : where.pointPath(i);
      return new AppError(
        'VALIDATION_FAILED',
        [{ path: path ?? 'samples', message: 'negative concentration', code: 'negative' }],
        {
          zh: `${i === undefined ? '' : where.pointName(i)}含量为负数（${String(d.value)}），含量不能小于 0`,
          en: `${i === undefined ? 'A' : `${where.pointName(i)} has a`} negative concentration (${String(d.value)})`,
        },
      );
    }
    case 'PH_OUT_OF_RANGE': {
      const i = d.index as number | undefined;
      return new AppError(
        'VALIDATION_FAILED',
        [
          {
            path: (i !== undefined && where.pointPath(i)) || 'samples',
            message: 'pH must be between 0 and 14',
            code: 'ph_range',
          },
        ],
        {
          zh: `pH 值 ${String(d.ph)} 超出 0–14 的范围`,
          en: `pH ${String(d.ph)} is outside 0–14`,
        },
      );
    }
    case 'NO_STANDARD_VALUE':
      return new AppError('NO_STANDARD_VALUE', d, {
        zh: `${String(d.standard ?? 'GB 15618')} 中没有 ${String(d.metal)} 在土地利用「${String(d.landUse)}」、pH ${String(d.ph)} 下的${d.kind === 'intervention' ? '管制值' : '筛选值'}`,
        en: `${String(d.standard ?? 'GB 15618')} has no ${d.kind === 'intervention' ? 'intervention' : 'screening'} value for ${String(d.metal)} on ${String(d.landUse)} land at pH ${String(d.ph)}`,
      });
    case 'SINGULAR_SYSTEM': {
      const at = where.toLonLat ? where.toLonLat(d.x as number, d.y as number) : null;
      const names = (d.neighbours as number[]).slice(0, 20).map((i) => where.pointName(i));
      return new AppError(
        'SINGULAR_SYSTEM',
        { location: at, neighbours: names },
        {
          zh: `在 ${at ? `(${at[0].toFixed(5)}, ${at[1].toFixed(5)})` : '某处'} 克里金方程组奇异，无法求解：请检查重复或过近的点位，或增大块金值（涉及：${names.join('、')}）`,
          en: `The kriging system at ${at ? `(${at[0].toFixed(5)}, ${at[1].toFixed(5)})` : 'a location'} is singular: check for repeated or very close points, or add a nugget (points: ${names.join(', ')})`,
        },
      );
    }
    case 'VARIOGRAM_FIT_FAILED':
      return new AppError('VARIOGRAM_FIT_FAILED', d, {
        zh: '样点对太少或分布不足，无法拟合变异函数；请增加样点、调整步长，或手工设定块金值、偏基台值和变程',
        en: 'Too few sample pairs to fit a variogram; add samples, change the lag width, or set nugget, psill and range by hand',
      });
    case 'INVALID_PARAMETER': {
      const p = String(d.parameter);
      return new AppError(
        'VALIDATION_FAILED',
        [{ path: `body.${p}`, message: `invalid ${p}`, code: 'invalid' }],
        {
          zh: `参数「${PARAMETER_ZH[p] ?? p}」的值 ${String(d.value)} 无效`,
          en: `The value ${String(d.value)} of ${p} is not valid`,
        },
      );
    }
    case 'EXTENT_TOO_LARGE':
      return new AppError('AREA_TOO_LARGE', d, {
        zh: `范围约 ${String(d.widthKm)} × ${String(d.heightKm)} km，超过单个局部投影允许的 ${String(d.limitKm)} km`,
        en: `The extent (about ${String(d.widthKm)} × ${String(d.heightKm)} km) exceeds the ${String(d.limitKm)} km one local projection allows`,
      });
    case 'TOO_MANY_CELLS':
      return new AppError('AREA_TOO_LARGE', d, {
        zh: `网格单元过多（${String(d.cells)} 个，上限 ${String(d.limit)}）：请增大网格尺寸（当前 ${String(d.cellSize)} m）`,
        en: `Too many cells (${String(d.cells)}, at most ${String(d.limit)}): use a larger cell size than ${String(d.cellSize)} m`,
      });
    case 'EMPTY_AREA':
      return new AppError(
        'VALIDATION_FAILED',
        [{ path: 'body.grid.boundary', message: 'the boundary encloses no area', code: 'empty' }],
        {
          zh: '边界多边形没有面积',
          en: 'The boundary polygon encloses no area',
        },
      );
  }
}
