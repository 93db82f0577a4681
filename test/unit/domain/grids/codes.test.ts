import { describe, expect, it } from 'vitest';
import {
  checkChildCode,
  kindOfCode,
  recode,
  suggestNextCode,
} from '../../../../server/src/domain/grids/codes';
import { isValidPhone, normalisePhone } from '../../../../server/src/domain/grids/phone';

describe('division codes of grids', () => {
  it('suggests the village code after the highest villagers’ committee code of the township', () => {
    expect(
      suggestNextCode('652399203000', 'village', 'villagers', [
        '652399203201',
        '652399203207',
        '652399204250',
      ]),
    ).toBe('652399203208');
  });

  it('starts a kind’s range at its first number when nothing of that kind exists yet', () => {
    expect(suggestNextCode('652399203000', 'village', 'residents', ['652399203201'])).toBe('652399203001');
    expect(suggestNextCode('652399000000', 'township', 'street', [])).toBe('652399001000');
    expect(suggestNextCode('652399000000', 'township', 'farm', ['652399400000'])).toBe('652399401000');
  });

  it('fills a hole when the top of the range is taken and says null when the range is full', () => {
    const taken = Array.from({ length: 199 }, (_, i) => `652399203${String(i + 1).padStart(3, '0')}`).filter(
      (c) => c !== '652399203050',
    );
    expect(suggestNextCode('652399203000', 'village', 'residents', taken)).toBe('652399203050');
    expect(suggestNextCode('652399203000', 'village', 'residents', [...taken, '652399203050'])).toBeNull();
  });

  it('tells the kind of unit from the code’s own digits', () => {
    expect(kindOfCode('652399001000', 'township')).toBe('street');
    expect(kindOfCode('652399150000', 'township')).toBe('town');
    expect(kindOfCode('652399250000', 'township')).toBe('township');
    expect(kindOfCode('652399450000', 'township')).toBe('farm');
    expect(kindOfCode('652399700000', 'township')).toBeNull();
    expect(kindOfCode('652399203150', 'village')).toBe('residents');
    expect(kindOfCode('652399203201', 'village')).toBe('villagers');
  });

  it('refuses a code with another parent’s prefix, a township code not ending in 000 and an out-of-range village', () => {
    expect(checkChildCode('652398203201', '652399203000', 'village')).toMatchObject({ ok: false });
    expect(checkChildCode('652399203001', '652399000000', 'township')).toMatchObject({ ok: false });
    expect(checkChildCode('652399203450', '652399203000', 'village')).toMatchObject({ ok: false });
    expect(checkChildCode('652399203399', '652399203000', 'village')).toEqual({ ok: true });
  });

  it('keeps a village’s own digits when it moves to another township unless they are taken there', () => {
    expect(recode('652399203205', '652399204000', 'village', new Set())).toBe('652399204205');
    expect(recode('652399203205', '652399204000', 'village', new Set(['652399204205', '652399204206']))).toBe(
      '652399204207',
    );
  });
});

describe('roster phone numbers', () => {
  it('accept mobiles and landlines with an area code, typed with full-width digits, spaces or +86', () => {
    for (const phone of [
      '13900000001',
      '0994-2345678',
      '09942345678',
      '010-12345678',
      '１３９ ０００ ０００ ０１',
      '+8613900000001',
      '0994－2345678',
    ])
      expect(isValidPhone(phone), phone).toBe(true);
    expect(normalisePhone('１３９ ０００ ０００ ０１')).toBe('13900000001');
  });

  it('refuse letters, short numbers and numbers without an area code', () => {
    for (const phone of ['1390000abcd', '12900000001', '2345678', '0994-234', '139000000011'])
      expect(isValidPhone(phone), phone).toBe(false);
  });
});
