import { describe, expect, it } from 'vitest';
import {
  checkResidentId,
  maskResidentId,
  residentIdCheckChar,
} from '../../../../server/src/domain/identifiers/resident-id';

const TODAY = '2026-11-23';

describe('resident ID numbers (GB 11643-1999)', () => {
  it('computes the ISO 7064 MOD 11-2 check character of the standard’s example numbers', () => {
    // GB 11643-1999 appendix examples: 11010519491231002X and 440524188001010014.
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('44052418800101001')).toBe('4');
  });

  it('accepts valid numbers, with a lower-case x, and refuses a wrong check character', () => {
    expect(checkResidentId('11010519491231002X', TODAY)).toEqual({ ok: true, value: '11010519491231002X' });
    expect(checkResidentId('11010519491231002x', TODAY).ok).toBe(true);
    expect(checkResidentId('110105194912310021', TODAY)).toMatchObject({
      ok: false,
      reason: { en: expect.stringContaining('check digit') },
    });
  });

  it('refuses wrong lengths, impossible birth dates, births in the future and unknown regions', () => {
    expect(checkResidentId('1101051949123100', TODAY)).toMatchObject({
      ok: false,
      reason: { en: expect.stringContaining('18 characters') },
    });
    const feb30 = '11010519490230001';
    expect(checkResidentId(feb30 + residentIdCheckChar(feb30), TODAY)).toMatchObject({
      ok: false,
      reason: { en: expect.stringContaining('birth date') },
    });
    const future = '11010520300101001';
    expect(checkResidentId(future + residentIdCheckChar(future), TODAY)).toMatchObject({
      ok: false,
      reason: { en: expect.stringContaining('birth date') },
    });
    const region = '01010519491231002';
    expect(checkResidentId(region + residentIdCheckChar(region), TODAY)).toMatchObject({
      ok: false,
      reason: { en: expect.stringContaining('region') },
    });
  });

  it('masks the birth date and sequence, keeping the region and the last four characters', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
  });
});
