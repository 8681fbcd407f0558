// Review findings: de-duplicated, in reading order, restored from a draft defensively.
import { describe, expect, it } from 'vitest';
import { addFinding, parseFindings, removeFinding, serializeFindings } from '../../../src/client/workspace/review-model.ts';

describe('review findings', () => {
  it('adds without duplicates and keeps reading order', () => {
    let list = addFinding([], { file: 'src/r.ts', line: 12, category: 'identity' });
    list = addFinding(list, { file: 'src/r.ts', line: 3, category: 'timezone' });
    list = addFinding(list, { file: 'src/r.ts', line: 12, category: 'identity' });
    list = addFinding(list, { file: 'src/r.ts', line: 12, category: 'events' });
    expect(list.map((f) => `${f.line}:${f.category}`)).toEqual(['3:timezone', '12:events', '12:identity']);
    expect(removeFinding(list, { file: 'src/r.ts', line: 12, category: 'events' })).toHaveLength(2);
  });

  it('restores only well-formed findings for the reviewed files and known categories', () => {
    const text = JSON.stringify([
      { file: 'src/r.ts', line: 4, category: 'types' },
      { file: 'src/other.ts', line: 4, category: 'types' },
      { file: 'src/r.ts', line: 0, category: 'types' },
      { file: 'src/r.ts', line: 5, category: 'made-up' },
    ]);
    const list = parseFindings(text, ['src/r.ts'], ['types', 'identity']);
    expect(list).toEqual([{ file: 'src/r.ts', line: 4, category: 'types' }]);
    expect(JSON.parse(serializeFindings(list))).toEqual({ findings: list });
    expect(parseFindings(serializeFindings(list), ['src/r.ts'], ['types'])).toEqual(list);
    expect(parseFindings('{oops', ['src/r.ts'], ['types'])).toEqual([]);
  });
});
