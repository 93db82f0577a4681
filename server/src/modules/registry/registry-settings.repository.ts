/** Registry configuration (table registry_setting), with the defaults the migration installs as fallback. */
import type { RegistrySettingsUpdate, RegistrySettingsView } from '../../../contracts/registry';
import type { Db, Queryable } from '../../db/engine';
import { AppError } from '../../http/app-error';
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

const KEYS = { keyListRule: 'key_list_rule', duplicateDistanceM: 'duplicate_distance_m' } as const;

/** The settings in force with the version of each row (for PUT). */
export async function registrySettingsView(db: Queryable): Promise<RegistrySettingsView> {
  const settings = await registrySettings(db);
  const { rows } = await db.query<{ key: string; version: number }>(
    `SELECT key, version FROM registry_setting WHERE key IN ('key_list_rule', 'duplicate_distance_m')`,
  );
  const version = (key: string) => rows.find((r) => r.key === key)?.version ?? 1;
  return {
    ...settings,
    versions: {
      keyListRule: version(KEYS.keyListRule),
      duplicateDistanceM: version(KEYS.duplicateDistanceM),
    },
  };
}

/**
 * Changes the key-list rule and the duplicate distance in one transaction, each only if its version is the one
 * read (else 409 and nothing changes). A rule applies to subjects as they are saved from then on.
 */
export async function saveRegistrySettings(
  db: Db,
  update: RegistrySettingsUpdate,
): Promise<RegistrySettingsView> {
  return db.transaction(async (tx) => {
    const values = {
      keyListRule: {
        ...update.keyListRule,
        creditClasses: [...new Set(update.keyListRule.creditClasses)].sort(),
      },
      duplicateDistanceM: update.duplicateDistanceM,
    };
    for (const name of ['keyListRule', 'duplicateDistanceM'] as const) {
      const { rows } = await tx.query(
        `UPDATE registry_setting SET value = $2::jsonb, version = version + 1
         WHERE key = $1 AND version = $3 RETURNING key`,
        [KEYS[name], JSON.stringify(values[name]), update.versions[name]],
      );
      if (!rows.length) throw new AppError('VERSION_CONFLICT', { path: `body.versions.${name}` });
    }
    return registrySettingsView(tx);
  });
}
