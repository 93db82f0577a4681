import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from '../../../../server/src/domain/exports/formula';

describe('formula injection in exported cells', () => {
  it('turns texts that a spreadsheet would read as formulas or DDE calls into plain text', () => {
    expect(neutraliseFormula('=HYPERLINK("http://evil","点我")')).toBe(`'=HYPERLINK("http://evil","点我")`);
    expect(neutraliseFormula('+cmd|" /C calc"!A0')).toBe(`'+cmd|" /C calc"!A0`);
    expect(neutraliseFormula('-2+3')).toBe(`'-2+3`);
    expect(neutraliseFormula('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(neutraliseFormula('\t=1')).toBe(`'\t=1`);
  });

  it('leaves ordinary texts alone, including ones with = or + inside', () => {
    expect(neutraliseFormula('青禾家庭农场')).toBe('青禾家庭农场');
    expect(neutraliseFormula('a=b')).toBe('a=b');
    expect(neutraliseFormula('0994-2345678')).toBe('0994-2345678');
  });
});
