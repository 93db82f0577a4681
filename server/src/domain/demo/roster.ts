/**
 * 网格定人: the people of every grid, as on the roster table of the Changji plan, and the township supervision
 * stations whose staff patrol and test.
 *
 * Glossary:
 * - county grid: 监管第一责任人 (the agriculture bureau's director) and 监管责任人 (deputy director, head of the
 *   quality-safety section).
 * - township grid: 监管责任人（网格监管员） — the deputy township head in charge, the station head and a grid
 *   supervisor or two — and one or two station testers (检测员).
 * - village grid: one 协管员 (village coordinator), except the planted unstaffed villages, which have nobody.
 * - inspectors: the station head, grid supervisors and testers of a township; patrols there are done by them.
 * - station: the township's 农产品质量安全监管站, a point near the seat village's centre (patrol routes start there).
 */
import type { PhoneBook } from './contacts';
import type { LonLat } from './geo';
import { personName } from './names';
import type { PatternPlan } from './patterns';
import type { Places } from './places';
import type { Rng } from './prng';
import type { PersonRecord } from './types';

export interface Station {
  townshipCode: string;
  townshipName: string;
  name: string;
  point: LonLat;
}

export interface Roster {
  persons: PersonRecord[];
  /** Names of the inspectors of each township, by township index. */
  inspectors: string[][];
  stations: Station[];
}

const VILLAGE_POSTS = ['村委委员', '村党支部副书记', '村委会副主任', '农技员', '村委会主任'] as const;

function countyPeople(rng: Rng, phones: PhoneBook, code: string): PersonRecord[] {
  const person = (
    role: PersonRecord['role'],
    post: string,
    phone: string,
    sortOrder: number,
  ): PersonRecord => ({
    gridCode: code,
    role,
    name: personName(rng),
    post,
    phone,
    sortOrder,
  });
  return [
    person('county_first_responsible', '县农业农村局局长', phones.landline(), 1),
    person('county_responsible', '县农业农村局副局长', phones.mobile(), 1),
    person('county_responsible', '县农业农村局质量安全监管股股长', phones.landline(), 2),
  ];
}

function townshipPeople(
  rng: Rng,
  phones: PhoneBook,
  code: string,
  name: string,
): { people: PersonRecord[]; inspectors: string[] } {
  const person = (role: PersonRecord['role'], post: string, sortOrder: number): PersonRecord => ({
    gridCode: code,
    role,
    name: personName(rng),
    post,
    phone: phones.mobile(),
    sortOrder,
  });
  const people = [
    person('township_supervisor', name.endsWith('镇') ? '副镇长' : '副乡长', 1),
    person('township_supervisor', '监管站站长', 2),
    ...Array.from({ length: rng.int(1, 2) }, (_, k) => person('township_supervisor', '网格监管员', 3 + k)),
    ...Array.from({ length: rng.int(1, 2) }, (_, k) => person('township_tester', '检测员', 1 + k)),
  ];
  return { people, inspectors: people.slice(1).map((p) => p.name) };
}

export function generateRoster(rng: Rng, places: Places, plan: PatternPlan, phones: PhoneBook): Roster {
  const { county } = places;
  const persons = countyPeople(rng, phones, county.code);
  const inspectors: string[][] = [];
  const stations: Station[] = [];
  for (const township of county.townships) {
    const { people, inspectors: names } = townshipPeople(rng, phones, township.code, township.name);
    persons.push(...people);
    inspectors.push(names);
    const seat = places.village(township.seat);
    const point = places.scatter(rng, seat.centre, 250, seat.index);
    stations.push({
      townshipCode: township.code,
      townshipName: township.name,
      name: `${township.name}农产品质量安全监管站`,
      point,
    });
    for (const v of township.villages) {
      if (plan.unstaffed.includes(v)) continue;
      persons.push({
        gridCode: places.village(v).code,
        role: 'village_coordinator',
        name: personName(rng),
        post: rng.pick(VILLAGE_POSTS),
        phone: phones.mobile(),
        sortOrder: 1,
      });
    }
  }
  return { persons, inspectors, stations };
}
