/** Soil samples with their GB 15618 classification, and editing the standard's values. */
import type { SoilMetal } from '../../../contracts/enums';
import type {
  SoilClassificationView,
  SoilSampleCollection,
  SoilSampleListQuery,
  SoilStandardValueView,
  SoilStandardView,
  StandardValuePatch,
} from '../../../contracts/soil';
import type { Db, Queryable } from '../../db/engine';
import { classifySample } from '../../domain/soil/classify';
import type { StandardTable } from '../../domain/soil/standards';
import type { LandUse } from '../../../contracts/enums';
import { AppError } from '../../http/app-error';
import { toAppError } from './soil-errors';
import { listSamples } from './soil-samples.repository';
import { getStandard, lockValue, updateValue } from './soil-standards.repository';

export async function currentStandard(db: Queryable): Promise<SoilStandardView> {
  const standard = await getStandard(db);
  if (!standard)
    throw new AppError(
      'NO_STANDARD_VALUE',
      { standard: null },
      { zh: '没有现行的 GB 15618 标准', en: 'No GB 15618 edition is in force' },
    );
  return standard;
}

export const tableOf = (s: SoilStandardView): StandardTable => ({ code: s.code, values: s.values });

export function classification(
  table: StandardTable,
  sample: { code: string; ph: number; landUse: LandUse; metals: Partial<Record<SoilMetal, number | null>> },
): SoilClassificationView {
  const result = classifySample(table, sample);
  if (!result.ok) throw toAppError(result, { pointPath: () => null, pointName: () => sample.code });
  return { standard: table.code, ...result.value };
}

export async function classifiedSamples(
  db: Queryable,
  q: SoilSampleListQuery,
): Promise<SoilSampleCollection> {
  const table = tableOf(await currentStandard(db));
  const rows = await listSamples(db, q);
  const features = rows.flatMap(({ id, geometry, ...p }) => {
    const c = classification(table, p);
    if (q.class && c.overall !== q.class) return [];
    return [{ type: 'Feature' as const, id, geometry, properties: { ...p, classification: c } }];
  });
  return { type: 'FeatureCollection', features };
}

export async function patchStandardValue(
  db: Db,
  id: number,
  patch: StandardValuePatch,
  user: string,
): Promise<SoilStandardValueView> {
  return db.transaction(
    async (tx) => {
      const current = await lockValue(tx, id);
      if (!current) throw new AppError('NOT_FOUND', { resource: 'soil-standard-value', id });
      if (current.version !== patch.version) {
        throw new AppError(
          'VERSION_CONFLICT',
          {
            currentVersion: current.version,
            yourVersion: patch.version,
            updatedBy: current.updatedBy,
            updatedAt: current.updatedAt,
          },
          {
            zh: `该限值已于 ${current.updatedAt} 被 ${current.updatedBy} 修改（版本 ${current.version}），请刷新后再编辑`,
            en: `This value was changed by ${current.updatedBy} at ${current.updatedAt} (version ${current.version}); reload before editing`,
          },
        );
      }
      return updateValue(tx, id, patch);
    },
    { user },
  );
}
