// The password policy: length bounds, not one repeated character, not on the common-password list.
import { describe, expect, it } from 'vitest';
import { isCommonPassword, passwordProblem } from '../../../src/server/auth/password.ts';

describe('password policy', () => {
  it('needs 10 to 256 characters, not one repeated character', () => {
    expect(passwordProblem('123456789')).toMatch(/at least 10/);
    expect(passwordProblem('aaaaaaaaaaaa')).toMatch(/repeated/);
    expect(passwordProblem('x'.repeat(257))).toMatch(/at most 256/);
    expect(passwordProblem('good enough pass')).toBeNull();
  });

  it.each(['password123', 'Password123', 'PASSWORD123', 'qwertyuiop', '1234567890', '1q2w3e4r5t', 'iloveyou12', 'basketball', 'manchester'])(
    'refuses the common password %s with a clear message',
    (password) => {
      expect(isCommonPassword(password)).toBe(true);
      expect(passwordProblem(password)).toBe(
        'This password is on a list of passwords that are common and easily guessed. Choose another, for example a few unrelated words.',
      );
    },
  );

  it('accepts passwords that are not on the list', () => {
    for (const password of ['long-enough-1', 'analytical-engine', 'correct-horse-battery', 'vivid lantern orbit']) {
      expect(isCommonPassword(password)).toBe(false);
      expect(passwordProblem(password)).toBeNull();
    }
  });

  it('checks the length rules before the list', () => {
    expect(passwordProblem('password')).toMatch(/at least 10/);
  });
});
