// Display names: NFC, no control or bidirectional characters, spaces collapsed; empty after cleaning is refused.
import { describe, expect, it } from 'vitest';
import { cleanName, nameProblem } from '../../../src/server/auth/names.ts';

describe('cleanName', () => {
  it.each([
    ['Ada Lovelace', 'Ada Lovelace'],
    ['  Ada   Lovelace  ', 'Ada Lovelace'],
    ['Ada\tLovelace', 'Ada Lovelace'],
    ['Ada\r\nLovelace', 'Ada Lovelace'],
    ['Ada\u0085Lovelace', 'Ada Lovelace'],
    ['Ada\u0000Love\u0007lace\u007f', 'AdaLovelace'],
    ['\u009bAda', 'Ada'],
    ['\u202EecalevoL adA', 'ecalevoL adA'],
    ['Ada \u202A\u202B\u202C\u202D\u202E Lovelace', 'Ada Lovelace'],
    ['\u2066Ada\u2067\u2068\u2069', 'Ada'],
    ['Ada\u200E\u200F\u061C', 'Ada'],
    ['Jose\u0301', 'Jos\u00e9'],
    ['\u00c5ngstr\u00f6m', '\u00c5ngstr\u00f6m'],
    ['\u0645\u062d\u0645\u062f', '\u0645\u062d\u0645\u062f'],
    ['\u674e\u5c0f\u9f99', '\u674e\u5c0f\u9f99'],
    ['Ada \ud800 Lovelace', 'Ada \ufffd Lovelace'],
    ['\u202E', ''],
    [' \t\n\u200F\u0000 ', ''],
  ])('%j becomes %j', (raw, expected) => {
    expect(cleanName(raw)).toBe(expected);
  });

  it('keeps joiners that scripts and emoji need', () => {
    expect(cleanName('\u0645\u200c\u0645 \ud83d\udc69\u200d\ud83d\udcbb')).toBe('\u0645\u200c\u0645 \ud83d\udc69\u200d\ud83d\udcbb');
  });
});

describe('nameProblem', () => {
  it('refuses empty and over-long names', () => {
    expect(nameProblem('')).toMatch(/1 to 100 characters/);
    expect(nameProblem('x'.repeat(101))).toMatch(/1 to 100 characters/);
    expect(nameProblem('x'.repeat(100))).toBeNull();
  });
});
