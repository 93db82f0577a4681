import { describe, expect, it } from 'vitest';
import { CERTIFICATIONS, PATROL_CHECKS, PRODUCT_CATEGORIES } from '../../../../server/contracts/enums';
import { PHONE_PATTERN } from '../../../../server/src/domain/demo/contacts';
import { isValidCreditCode } from '../../../../server/src/domain/identifiers/credit-code';
import {
  localFrame,
  pointInRing,
  ringArea,
  toLocal,
  type LonLat,
  type Ring,
} from '../../../../server/src/domain/demo/geo';
import { PANELS } from '../../../../server/src/domain/demo/limits';
import { defaultDemo } from './demo-fixture';

const demo = defaultDemo();
const villages = new Map(demo.grids.filter((g) => g.level === 'village').map((g) => [g.code, g]));
const frame = localFrame(87.3, 44.0);
const metres = (a: LonLat, b: LonLat) => {
  const [ax, ay] = toLocal(frame, a);
  const [bx, by] = toLocal(frame, b);
  return Math.hypot(ax - bx, ay - by) * 1000;
};
const areaMu = (ring: Ring) => (Math.abs(ringArea(ring.map((p) => toLocal(frame, p)))) * 1e6) / 666.67;
const ringOf = (code: string) => villages.get(code)?.ring ?? [];
const WITH_BASE = new Set(['enterprise', 'cooperative', 'family_farm', 'large_grower']);
const WITH_CREDIT_CODE = new Set([
  'enterprise',
  'cooperative',
  'family_farm',
  'input_shop',
  'storage_transport',
]);

describe('generated production subjects', { timeout: 30_000 }, () => {
  it('have unique registry codes of the required format, phones and fictional names', () => {
    expect(new Set(demo.subjects.map((s) => s.code)).size).toBe(demo.subjects.length);
    for (const s of demo.subjects) {
      expect(s.code).toMatch(/^[A-Z0-9][A-Z0-9-]{2,31}$/);
      expect(s.phone).toMatch(PHONE_PATTERN);
      expect(s.name.length).toBeGreaterThan(1);
      expect(s.name.length).toBeLessThanOrEqual(100);
    }
  });

  it('lie in farmland inside the village their address names', () => {
    for (const s of demo.subjects) {
      const village = villages.get(s.villageCode);
      expect(s.address).toContain(village?.name);
      expect(s.address).toMatch(/组/);
      expect(pointInRing(s.point, ringOf(s.villageCode))).toBe(true);
    }
  });

  it('carry valid unified social credit codes exactly where a registered business has one', () => {
    for (const s of demo.subjects) {
      if (WITH_CREDIT_CODE.has(s.type)) expect(isValidCreditCode(s.creditCode ?? '')).toBe(true);
      else expect(s.creditCode).toBeNull();
    }
    expect(new Set(demo.subjects.map((s) => s.creditCode).filter(Boolean)).size).toBe(
      demo.subjects.filter((s) => s.creditCode).length,
    );
  });

  it('give enterprises, co-operatives, family farms and large growers a 20–3,000 亩 base inside their village around their point', () => {
    for (const s of demo.subjects) {
      if (!WITH_BASE.has(s.type)) {
        expect(s.base).toBeNull();
        continue;
      }
      const base = s.base as Ring;
      expect(base).not.toBeNull();
      expect(areaMu(base)).toBeGreaterThanOrEqual(20);
      expect(areaMu(base)).toBeLessThanOrEqual(3000);
      expect(pointInRing(s.point, base)).toBe(true);
      for (const corner of base) expect(pointInRing(corner, ringOf(s.villageCode))).toBe(true);
    }
  });

  it('enrol nearly all enterprises, co-operatives, family farms and large growers on the traceability platform', () => {
    const kept = demo.subjects.filter((s) => WITH_BASE.has(s.type));
    expect(kept.filter((s) => s.traceability).length / kept.length).toBeGreaterThan(0.93);
    const households = demo.subjects.filter((s) => s.type === 'small_household');
    expect(households.filter((s) => s.traceability).length / households.length).toBeLessThan(0.15);
  });

  it('name internal controllers for enterprises, co-operatives and family farms only', () => {
    for (const s of demo.subjects) {
      const expected = ['enterprise', 'cooperative', 'family_farm'].includes(s.type);
      expect(s.internalControllerName !== null).toBe(expected);
      if (s.internalControllerPhone) expect(s.internalControllerPhone).toMatch(PHONE_PATTERN);
    }
  });

  it('list only known product categories and 三品一标 certifications', () => {
    for (const s of demo.subjects) {
      expect(s.mainProducts.length).toBeGreaterThan(0);
      for (const p of s.mainProducts) expect(PRODUCT_CATEGORIES).toContain(p);
      for (const c of s.certifications) expect(CERTIFICATIONS).toContain(c);
    }
    expect(
      demo.subjects.filter((s) => s.type === 'enterprise' && s.certifications.length > 0).length,
    ).toBeGreaterThan(20);
  });
});

describe('generated samples', { timeout: 30_000 }, () => {
  it('judge every result by its limit and give the sample the worst verdict', () => {
    const worst = (verdicts: string[]) =>
      verdicts.includes('fail') ? 'fail' : verdicts.includes('suspected') ? 'suspected' : 'pass';
    expect(
      demo.samples.filter((s) => s.verdict !== worst(s.results.map((r) => r.verdict))).map((s) => s.code),
    ).toEqual([]);
    const results = demo.samples.flatMap((s) => s.results);
    const misjudged = results.filter((r) =>
      r.unit === '%'
        ? r.inhibitionPct !== r.value ||
          r.verdict !== ((r.inhibitionPct as number) >= 50 ? 'suspected' : 'pass')
        : r.verdict !== (r.value !== null && r.value > (r.limitValue as number) ? 'fail' : 'pass') ||
          (r.value !== null && r.value < (r.lod as number)),
    );
    expect(misjudged).toEqual([]);
    expect(results.filter((r) => r.standard.length === 0)).toEqual([]);
  });

  it('give rapid tests one inhibition result and lab tests one result per analyte of the panel', () => {
    for (const s of demo.samples) {
      if (s.kind === 'rapid') {
        expect(s.results).toHaveLength(1);
        expect(['vegetable', 'fruit']).toContain(s.category);
      } else {
        expect(s.results.every((r) => r.unit === 'mg/kg')).toBe(true);
      }
    }
    const analytes = (commodity: string) =>
      new Set(
        demo.samples
          .filter((s) => s.commodity === commodity && s.kind !== 'rapid')
          .flatMap((s) => s.results.map((r) => r.analyte)),
      );
    expect(analytes('菠菜')).toEqual(new Set(PANELS.vegetable.map((l) => l.analyte)));
    expect(analytes('羊肉')).toContain('克伦特罗');
    expect(analytes('草鱼')).toContain('孔雀石绿');
  });

  it('never report a banned substance as detected within its limit', () => {
    const banned = new Set(
      Object.values(PANELS).flatMap((panel) =>
        panel.filter((l) => l.banned).map((l) => `${l.analyte}/${l.limit}`),
      ),
    );
    for (const r of demo.samples.flatMap((s) => s.results)) {
      if (banned.has(`${r.analyte}/${r.limitValue}`) && r.value !== null)
        expect(r.value).toBeGreaterThan(r.limitValue as number);
    }
  });

  it('put leafy vegetables in the vegetable category and are mostly taken at a subject', () => {
    for (const s of demo.samples.filter((x) =>
      ['菠菜', '芹菜', '韭菜', '油菜', '小白菜', '生菜'].includes(x.commodity),
    ))
      expect(s.category).toBe('vegetable');
    const subjects = new Map(demo.subjects.map((s) => [s.code, s]));
    const misplaced = demo.samples.filter(
      (s) =>
        !pointInRing(s.point, ringOf(s.villageCode)) ||
        (s.subjectCode !== null && metres(s.point, subjects.get(s.subjectCode)?.point ?? [0, 0]) > 150),
    );
    expect(misplaced).toEqual([]);
  });
});

describe('generated patrols', { timeout: 30_000 }, () => {
  const subjects = new Map(demo.subjects.map((s) => [s.code, s]));
  const blind = new Set((demo.truth.patrol_blind_spots as { village_codes: string[] }).village_codes);

  it('answer the seven checks, with notes on every problem', () => {
    const checks = [...PATROL_CHECKS].sort().join();
    const wrong = demo.patrols.filter((p) => {
      const answers = Object.values(p.checklist);
      return (
        Object.keys(p.checklist).sort().join() !== checks ||
        answers.some(
          (a) =>
            !['ok', 'problem', 'na'].includes(a.status) ||
            (a.status === 'problem') !== (a.note !== undefined),
        ) ||
        answers.some((a) => a.status === 'problem') !== (p.outcome !== 'compliant')
      );
    });
    expect(wrong).toEqual([]);
  });

  it('end compliant ~90 %, rectify ~8 % (with a deadline 7–30 days on) and refer ~2 %', () => {
    const share = (o: string) => demo.patrols.filter((p) => p.outcome === o).length / demo.patrols.length;
    expect(share('compliant')).toBeGreaterThan(0.86);
    expect(share('compliant')).toBeLessThan(0.93);
    expect(share('rectify')).toBeGreaterThan(0.05);
    expect(share('rectify')).toBeLessThan(0.11);
    expect(share('refer')).toBeGreaterThan(0.008);
    expect(share('refer')).toBeLessThan(0.035);
    for (const p of demo.patrols) {
      if (p.outcome !== 'rectify') expect(p.rectifyDeadline).toBeNull();
      else {
        const days =
          (Date.parse(p.rectifyDeadline as string) - Date.parse(p.patrolledAt.slice(0, 10))) / 86_400_000;
        expect(days).toBeGreaterThanOrEqual(7);
        expect(days).toBeLessThanOrEqual(30);
      }
    }
  });

  it('record GPS tracks of 20–80 fixes near the subject, walked by an inspector of its township', () => {
    const inspectors = new Map<string, Set<string>>();
    for (const person of demo.persons.filter(
      (p) => p.role === 'township_supervisor' || p.role === 'township_tester',
    )) {
      inspectors.set(person.gridCode, (inspectors.get(person.gridCode) ?? new Set()).add(person.name));
    }
    const wrong = demo.patrols.filter((p) => {
      const subject = subjects.get(p.subjectCode);
      const township = villages.get(subject?.villageCode ?? '')?.parentCode ?? '';
      return (
        p.track.length < 20 ||
        p.track.length > 80 ||
        metres(p.track[1] as LonLat, subject?.point ?? [0, 0]) > 3000 ||
        !inspectors.get(township)?.has(p.inspectorName)
      );
    });
    expect(wrong).toEqual([]);
  });

  it('visit enterprises, co-operatives and family farms at least twice a year and large growers at least once', () => {
    const visits = new Map<string, number>();
    for (const p of demo.patrols) {
      const key = `${p.subjectCode}/${p.patrolledAt.slice(0, 4)}`;
      visits.set(key, (visits.get(key) ?? 0) + 1);
    }
    for (const s of demo.subjects) {
      const minimum =
        { enterprise: 2, cooperative: 2, family_farm: 2, large_grower: 1 }[s.type as string] ?? 0;
      for (const year of ['2024', '2025', '2026']) {
        if (year !== '2024' && blind.has(s.villageCode)) continue;
        expect(visits.get(`${s.code}/${year}`) ?? 0).toBeGreaterThanOrEqual(minimum);
      }
    }
  });

  it('visit subjects on the key supervision list more often than the others', () => {
    const perSubject = (list: typeof demo.subjects) =>
      demo.patrols.filter((p) => list.some((s) => s.code === p.subjectCode)).length / list.length;
    const growers = demo.subjects.filter((s) => s.type === 'large_grower' && !blind.has(s.villageCode));
    expect(perSubject(growers.filter((s) => s.keyList))).toBeGreaterThan(
      1.5 * perSubject(growers.filter((s) => !s.keyList)),
    );
  });
});

describe('generated roster and soil samples', () => {
  it('give every person a name, a post and a valid phone', () => {
    for (const p of demo.persons) {
      expect(p.name.length).toBeGreaterThan(1);
      expect(p.name.length).toBeLessThanOrEqual(40);
      expect(p.post.length).toBeGreaterThan(1);
      expect(p.post.length).toBeLessThanOrEqual(60);
      expect(p.phone).toMatch(PHONE_PATTERN);
    }
  });

  it('give soil samples unique codes, positive metals and a point inside their village', () => {
    expect(new Set(demo.soilSamples.map((s) => s.code)).size).toBe(demo.soilSamples.length);
    for (const s of demo.soilSamples) {
      for (const value of Object.values(s.metals)) expect(value).toBeGreaterThan(0);
      expect(pointInRing(s.point, ringOf(s.villageCode))).toBe(true);
    }
  });
});
