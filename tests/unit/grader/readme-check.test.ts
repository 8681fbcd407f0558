// The README requirement of a project (readme-check.ts): headings found outside code fences, a
// section running to the next heading of its level, HTML comments not counted as words, and
// messages that name each missing or thin section.
import { describe, expect, it } from 'vitest';
import { checkReadme, countWords, readmeSections } from '../../../src/server/grader/readme-check.ts';

const requirement = { file: 'README.md', sections: ['Design decisions', 'Running the tests', 'Monitoring'], minWords: 5 };
const words = (n: number, word = 'word'): string => Array.from({ length: n }, () => word).join(' ');

describe('readmeSections', () => {
  it('ends a section at the next heading of its level, keeps deeper headings inside, ignores headings in code', () => {
    const sections = readmeSections(
      ['# Title', 'intro', '## Design decisions', 'why', '### Details', 'more', '```md', '## not a heading', '```', '## Monitoring', 'metrics'].join('\n'),
    );
    expect(sections.map((s) => [s.level, s.title])).toEqual([
      [1, 'Title'],
      [2, 'Design decisions'],
      [3, 'Details'],
      [2, 'Monitoring'],
    ]);
    expect(countWords(sections[1]?.body.join('\n') ?? '')).toBe(countWords('why Details more ```md ## not a heading ```'));
    expect(sections[3]?.body).toEqual(['metrics']);
  });

  it('does not count HTML comments, even over several lines', () => {
    const [section] = readmeSections('## Monitoring\n<!-- write\nhere -->\nrecords latency');
    expect(countWords(section?.body.join('\n') ?? '')).toBe(2);
  });
});

describe('checkReadme', () => {
  const full = `# Task\n\n## Design decisions: rules and relationships\n${words(5)}\n\n## Running the tests\n${words(5)}\n\n## Monitoring\n${words(5)}\n`;

  it('accepts every section with enough words, whatever the case or extra words of the heading', () => {
    expect(checkReadme(full, requirement)).toEqual({ ok: true, problems: [] });
    expect(checkReadme(full.replace('## Monitoring', '## MONITORING').replace('## Running the tests', '## running   THE tests'), requirement).ok).toBe(true);
  });

  it('names a missing file, missing sections and thin sections with their counts', () => {
    expect(checkReadme(undefined, requirement).problems).toEqual(['README.md is missing: write it with the sections "Design decisions", "Running the tests", "Monitoring".']);
    expect(checkReadme('  \n', requirement).ok).toBe(false);
    const partial = `## Design decisions\n${words(2)}\n\n## Running the tests\n<!-- ${words(9)} -->\n`;
    expect(checkReadme(partial, requirement).problems).toEqual([
      'README.md has no section "Monitoring": add a heading such as "## Monitoring".',
      'Write at least 5 words of your own in each section of README.md (the starter\'s comments do not count): it has 2 in "Design decisions" and 0 in "Running the tests".',
    ]);
  });

  it('does not take a heading that only contains the name inside another word', () => {
    expect(checkReadme(full.replace('## Monitoring', '## Monitoringless'), requirement).problems[0]).toMatch(/no section "Monitoring"/);
  });
});
