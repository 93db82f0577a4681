/**
 * Registering and editing production subjects: one transaction per change; the version guards against concurrent
 * edits (409 with who and when); the registry's rules are applied here — a credit class or key-list change needs a
 * reason and is recorded as an event; the configured key-list rule cannot be overridden; ID numbers are checked and
 * never returned unmasked; subjects are retired, never deleted.
 */
import type { SubjectCreate, SubjectFeature, SubjectPatch } from '../../../contracts/api';
import type { Db, Queryable } from '../../db/engine';
import { checkResidentId } from '../../domain/identifiers/resident-id';
import { describeKeyListReason, keyListReasons } from '../../domain/registry/key-list';
import { AppError } from '../../http/app-error';
import { chinaDate } from '../../lib/china-date';
import { assertValidGeometry } from '../geometry/geometry.repository';
import { registrySettings } from '../registry/registry-settings.repository';
import {
  failedSamplesWithin,
  getResponsible,
  getSubject,
  insertEvent,
  insertSubject,
  insideAnyVillage,
  type LockedSubject,
  lockSubject,
  possibleDuplicates,
  setRetired,
  updateSubject,
} from './subjects.repository';

export async function readSubject(db: Queryable, id: number): Promise<SubjectFeature | null> {
  const row = await getSubject(db, id);
  if (!row) return null;
  const { geometry, villageId, townshipId, publicToken, ...properties } = row;
  const settings = await registrySettings(db);
  const failed = await failedSamplesWithin(db, id, settings.keyListRule.withinMonths, chinaDate());
  const reasons = keyListReasons(
    { creditClass: row.creditClass, failedSamplesInWindow: failed },
    settings.keyListRule,
  );
  return {
    type: 'Feature',
    id,
    geometry,
    properties: {
      ...properties,
      responsible: await getResponsible(db, villageId, townshipId),
      keyListReasons: reasons.map(describeKeyListReason),
      possibleDuplicates: await possibleDuplicates(db, id, settings.duplicateDistanceM),
      boardPath: `/board/${publicToken}`,
    },
  };
}

async function checkLocation(tx: Queryable, point: SubjectCreate['geometry'] | undefined, base: unknown) {
  if (point && !(await insideAnyVillage(tx, point))) {
    const [lon, lat] = point.coordinates;
    throw new AppError('OUTSIDE_COUNTY', [{ path: 'body.geometry.coordinates', location: [lon, lat] }], {
      zh: `位置 (${lon}, ${lat}) 不在本县任何村级网格内；请检查坐标，或经纬度是否写反`,
      en: `The location (${lon}, ${lat}) is not inside any village grid of the county; check the coordinates and their order`,
    });
  }
  if (base) await assertValidGeometry(tx, base, 'body.properties.base');
}

function checkIdNumber(value: string | null | undefined, path: string): string | null | undefined {
  if (value === null || value === undefined) return value;
  const checked = checkResidentId(value, chinaDate());
  if (checked.ok) return checked.value;
  throw new AppError('VALIDATION_FAILED', [{ path, message: checked.reason.en }], {
    zh: `法定代表人身份证号不正确：${checked.reason.zh}`,
    en: `The legal representative's ID number is not valid: ${checked.reason.en}`,
  });
}

const needReason = (what: { zh: string; en: string }) =>
  new AppError(
    'VALIDATION_FAILED',
    [{ path: 'body.reason', message: `a reason is required to change ${what.en}` }],
    {
      zh: `修改${what.zh}须填写原因`,
      en: `A reason is required to change ${what.en}`,
    },
  );

/**
 * The key-list value to store: what the user asked for, unless the rule requires the list (then it stays on; a
 * request to take it off is refused with the rule's reasons).
 */
async function resolveKeyList(
  tx: Queryable,
  id: number | null,
  creditClass: string | null,
  requested: boolean | undefined,
) {
  const settings = await registrySettings(tx);
  const failed =
    id === null ? 0 : await failedSamplesWithin(tx, id, settings.keyListRule.withinMonths, chinaDate());
  const reasons = keyListReasons({ creditClass, failedSamplesInWindow: failed }, settings.keyListRule).map(
    describeKeyListReason,
  );
  if (reasons.length === 0) return { keyList: requested, ruleReason: null };
  if (requested === false) {
    throw new AppError('CONSTRAINT_VIOLATION', [{ path: 'body.properties.keyList', reasons }], {
      zh: `按重点监管规则，该主体须列入重点监管名录（${reasons.map((r) => r.zh).join('；')}）`,
      en: `The key-list rule requires this subject on the key supervision list (${reasons.map((r) => r.en).join('; ')})`,
    });
  }
  return { keyList: true, ruleReason: reasons.map((r) => r.zh).join('；') };
}

export async function createSubject(db: Db, feature: SubjectCreate, user: string): Promise<SubjectFeature> {
  return db.transaction(
    async (tx) => {
      await checkLocation(tx, feature.geometry, feature.properties.base);
      if (feature.properties.base && !feature.geometry) {
        throw new AppError(
          'VALIDATION_FAILED',
          [{ path: 'body.geometry', message: 'a subject with a base needs a location' }],
          {
            zh: '有生产基地范围的主体必须有位置',
            en: 'A subject with a base boundary needs a location',
          },
        );
      }
      const legalRepIdNumber = checkIdNumber(
        feature.properties.legalRepIdNumber,
        'body.properties.legalRepIdNumber',
      );
      const { keyList, ruleReason } = await resolveKeyList(
        tx,
        null,
        feature.properties.creditClass ?? null,
        feature.properties.keyList,
      );
      const id = await insertSubject(tx, {
        ...feature,
        properties: { ...feature.properties, legalRepIdNumber, keyList },
      });
      if (keyList) {
        await insertEvent(tx, id, {
          kind: 'key_list',
          fromValue: null,
          toValue: 'true',
          reason: ruleReason ?? '登记时列入 / listed at registration',
          effectiveOn: chinaDate(),
        });
      }
      return (await readSubject(tx, id)) as SubjectFeature;
    },
    { user },
  );
}

function versionConflict(current: LockedSubject, yours: number): AppError {
  return new AppError(
    'VERSION_CONFLICT',
    {
      currentVersion: current.version,
      yourVersion: yours,
      updatedBy: current.updatedBy,
      updatedAt: current.updatedAt,
    },
    {
      zh: `该生产主体已于 ${current.updatedAt} 被 ${current.updatedBy} 修改（版本 ${current.version}），请刷新后再编辑`,
      en: `This subject was changed by ${current.updatedBy} at ${current.updatedAt} (version ${current.version}); reload before editing`,
    },
  );
}

async function lockForEdit(tx: Queryable, id: number, version: number): Promise<LockedSubject> {
  const current = await lockSubject(tx, id);
  if (!current) throw new AppError('NOT_FOUND', { resource: 'subject', id });
  if (current.version !== version) throw versionConflict(current, version);
  return current;
}

/** Records credit-class and key-list changes as events; both need a reason (the rule's, when the rule decided). */
async function recordDecisions(
  tx: Queryable,
  id: number,
  current: LockedSubject,
  patch: SubjectPatch,
  keyList: boolean | undefined,
  ruleReason: string | null,
) {
  const effectiveOn = patch.effectiveOn ?? chinaDate();
  const creditClass = patch.properties?.creditClass;
  if (creditClass !== undefined && creditClass !== current.creditClass) {
    if (!patch.reason) throw needReason({ zh: '信用等级', en: 'the credit class' });
    await insertEvent(tx, id, {
      kind: 'credit_class',
      fromValue: current.creditClass,
      toValue: creditClass,
      reason: patch.reason,
      effectiveOn,
    });
  }
  if (keyList !== undefined && keyList !== current.keyList) {
    const reason = patch.reason ?? ruleReason;
    if (!reason) throw needReason({ zh: '重点监管名录', en: 'key-list membership' });
    await insertEvent(tx, id, {
      kind: 'key_list',
      fromValue: String(current.keyList),
      toValue: String(keyList),
      reason,
      effectiveOn,
    });
  }
}

export async function patchSubject(
  db: Db,
  id: number,
  patch: SubjectPatch,
  user: string,
): Promise<SubjectFeature> {
  return db.transaction(
    async (tx) => {
      const current = await lockForEdit(tx, id, patch.version);
      if (current.status === 'retired') {
        throw new AppError(
          'CONSTRAINT_VIOLATION',
          { status: 'retired' },
          { zh: '该主体已注销，请先恢复再编辑', en: 'This subject is retired; restore it before editing' },
        );
      }
      await checkLocation(tx, patch.geometry ?? undefined, patch.properties?.base);
      const properties = { ...patch.properties };
      if ('legalRepIdNumber' in properties)
        properties.legalRepIdNumber = checkIdNumber(
          properties.legalRepIdNumber,
          'body.properties.legalRepIdNumber',
        );
      const creditClass = properties.creditClass === undefined ? current.creditClass : properties.creditClass;
      const { keyList, ruleReason } = await resolveKeyList(tx, id, creditClass, properties.keyList);
      if (keyList !== undefined) properties.keyList = keyList;
      await recordDecisions(tx, id, current, patch, keyList, ruleReason);
      await updateSubject(tx, id, { ...patch, properties });
      return (await readSubject(tx, id)) as SubjectFeature;
    },
    { user },
  );
}

/** Retires a subject (closed, merged, moved away) or restores it; never deletes. */
export async function setSubjectRetired(
  db: Db,
  id: number,
  request: { version: number; reason: string; effectiveOn?: string | undefined },
  retire: boolean,
  user: string,
): Promise<SubjectFeature> {
  return db.transaction(
    async (tx) => {
      const current = await lockForEdit(tx, id, request.version);
      if ((current.status === 'retired') === retire) {
        throw new AppError(
          'CONSTRAINT_VIOLATION',
          { status: current.status },
          retire
            ? { zh: '该主体已经注销', en: 'This subject is already retired' }
            : { zh: '该主体未注销', en: 'This subject is not retired' },
        );
      }
      await setRetired(tx, id, retire, retire ? request.reason : null);
      await insertEvent(tx, id, {
        kind: retire ? 'retired' : 'restored',
        fromValue: current.status,
        toValue: retire ? 'retired' : 'active',
        reason: request.reason,
        effectiveOn: request.effectiveOn ?? chinaDate(),
      });
      return (await readSubject(tx, id)) as SubjectFeature;
    },
    { user },
  );
}
