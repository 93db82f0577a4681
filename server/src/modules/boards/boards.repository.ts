/**
 * What a public information board (公示牌, annex 2 of the Changji plan) may show, read by the subject's public token:
 * nothing else about the subject leaves the database on this path (no codes, no ID numbers, no legal
 * representative, no address).
 */
import type { PublicBoard } from '../../../contracts/registry';
import type { Queryable } from '../../db/engine';

export type BoardRow = PublicBoard & { status: 'active' | 'retired' };

export async function boardByToken(db: Queryable, token: string): Promise<BoardRow | null> {
  const { rows } = await db.query<BoardRow>(
    `SELECT s.name, s.type, s.credit_class AS "creditClass", s.traceability, s.issues_certificate AS "issuesCertificate",
       s.status,
       (SELECT json_build_object('name', p.name, 'phone', p.phone) FROM grid_person p
         WHERE p.grid_id = v.id AND p.role = 'village_coordinator' ORDER BY p.sort_order, p.id LIMIT 1) AS "villageCoordinator",
       (SELECT json_build_object('name', p.name, 'phone', p.phone) FROM grid_person p
         WHERE p.grid_id = t.id AND p.role = 'township_supervisor' ORDER BY p.sort_order, p.id LIMIT 1) AS "townshipSupervisor",
       CASE WHEN s.internal_controller_name IS NULL THEN NULL
            ELSE json_build_object('name', s.internal_controller_name, 'phone', s.internal_controller_phone) END AS "internalController",
       v.name AS village, t.name AS township, c.name AS county
     FROM production_subject s
     LEFT JOIN grid_unit v ON v.id = s.grid_id
     LEFT JOIN grid_unit t ON t.id = v.parent_id
     LEFT JOIN grid_unit c ON c.id = t.parent_id
     WHERE s.public_token = $1`,
    [token],
  );
  return rows[0] ?? null;
}

export interface ListedSubstance {
  nameZh: string;
  nameEn: string;
  status: 'banned' | 'restricted';
  kind: 'pesticide' | 'veterinary_drug';
}

/** The banned and restricted pesticides and veterinary drugs of the reference data, banned first. */
export async function bannedAndRestricted(db: Queryable): Promise<ListedSubstance[]> {
  const { rows } = await db.query<ListedSubstance>(
    `SELECT name_zh AS "nameZh", name_en AS "nameEn", status, kind FROM analyte
     WHERE status IN ('banned', 'restricted') AND kind IN ('pesticide', 'veterinary_drug')
     ORDER BY status = 'restricted', kind, name_zh`,
  );
  return rows;
}
