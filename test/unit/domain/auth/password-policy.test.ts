import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkPassword, generatePassword } from '../../../../server/src/domain/auth/password-policy';

describe('password policy', () => {
  it('refuses short passwords, the username, repetitions, sequences and well-known passwords', () => {
    expect(checkPassword('abc123', 'zhang')).toMatchObject({
      ok: false,
      reason: { en: expect.stringContaining('10 characters') },
    });
    expect(checkPassword('zhangwei-2025!', 'zhangwei')).toMatchObject({
      ok: false,
      reason: { en: expect.stringContaining('username') },
    });
    expect(checkPassword('aaaaaaaaaaaa', 'x').ok).toBe(false);
    expect(checkPassword('abcdefghijkl', 'x').ok).toBe(false);
    expect(checkPassword('Password123', 'x').ok).toBe(false);
    expect(checkPassword('woaini1314', 'x').ok).toBe(false);
  });

  it('accepts a long, unremarkable password, Chinese characters counted as characters', () => {
    expect(checkPassword('榆树沟镇-监管站-2026', 'zhang')).toEqual({ ok: true });
    expect(checkPassword('tq7-vine-Orbit', 'zhang')).toEqual({ ok: true });
  });

  it('generates 16-character passwords without look-alike characters that pass the policy', () => {
    for (let i = 0; i < 50; i++) {
      const password = generatePassword((n) => randomBytes(n));
      expect(password).toMatch(/^[A-HJ-NP-Za-km-z2-9]{16}$/);
      expect(checkPassword(password, 'admin')).toEqual({ ok: true });
    }
  });
});
