/**
 * What a password must be (issue 9: no default passwords; people set their own at first login): at least 10
 * characters, not the username, not one repeated character or an obvious sequence, not a well-known password.
 * Generated passwords (first admin, resets) come from generatePassword with a cryptographic random source.
 */

export const MIN_LENGTH = 10;

const COMMON = new Set([
  'password123',
  '1234567890',
  '0123456789',
  'qwertyuiop',
  'abc1234567',
  'password1!',
  'iloveyou12',
  'admin12345',
  'administrator',
  'nongan12345',
  'woaini1314',
  'aa12345678',
  'a123456789',
  'qq123456789',
  '88888888888',
  '66666666666',
]);

export type PolicyResult = { ok: true } | { ok: false; reason: { zh: string; en: string } };

function isSequence(password: string): boolean {
  const codes = [...password].map((c) => c.charCodeAt(0));
  const steps = codes.slice(1).map((c, i) => c - (codes[i] as number));
  return steps.every((s) => s === 1) || steps.every((s) => s === -1);
}

export function checkPassword(password: string, username: string): PolicyResult {
  if ([...password].length < MIN_LENGTH) {
    return {
      ok: false,
      reason: {
        zh: `密码至少 ${MIN_LENGTH} 个字符`,
        en: `a password needs at least ${MIN_LENGTH} characters`,
      },
    };
  }
  const lower = password.toLowerCase();
  if (username && lower.includes(username.toLowerCase())) {
    return {
      ok: false,
      reason: { zh: '密码不能包含用户名', en: 'a password must not contain the username' },
    };
  }
  if (new Set(password).size <= 2 || isSequence(password) || COMMON.has(lower)) {
    return {
      ok: false,
      reason: { zh: '密码过于简单，容易被猜到', en: 'this password is too easy to guess' },
    };
  }
  return { ok: true };
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** 16 characters from an alphabet without look-alikes (0/O, 1/l/I), from the given random bytes source. */
export function generatePassword(randomBytes: (n: number) => Uint8Array): string {
  const out: string[] = [];
  while (out.length < 16) {
    for (const byte of randomBytes(32)) {
      // Rejection sampling keeps every character equally likely.
      if (byte < 256 - (256 % ALPHABET.length) && out.length < 16)
        out.push(ALPHABET[byte % ALPHABET.length] as string);
    }
  }
  return out.join('');
}
