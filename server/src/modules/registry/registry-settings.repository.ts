/** Registry configuration (table registry_setting), with the defaults the migration installs as fallback. */
import type { Queryable } from '../../db/engine';
import { DEFAULT_KEY_LIST_RULE, type KeyListRule } from '../../domain/registry/key-list';

export interface RegistrySettings {
  keyListRule: KeyListRule;
  duplicateDistanceM: number;
}

export const DEFAULT_REGISTRY_SETTINGS: RegistrySettings = {
  keyListRule: DEFAULT_KEY_LIST_RULE,
  duplicateDistanceM: 200,
};

export async function registrySettings(db: Queryable): Promise<RegistrySettings> {
  const { rows } = await db.query<{ key: string; value: unknown }>(
    `SELECT key, value FROM registry_setting WHERE key IN ('key_list_rule', 'duplicate_distance_m')`,
  );
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  return {
    keyListRule: {
      ...DEFAULT_KEY_LIST_RULE,
      ...((byKey.get('key_list_rule') as Partial<KeyListRule> | undefined) ?? {}),
    },
    duplicateDistanceM: Number(
      byKey.get('duplicate_distance_m') ?? DEFAULT_REGISTRY_SETTINGS.duplicateDistanceM,
    ),
  };
}
