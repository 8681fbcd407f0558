// content:check holds every exam with a theory quiz to measuring each skill area of its program by at
// least two quiz items and at least one practical task, checks the areas a task names, and keeps a
// task's exercise tagged with the area the task evidences most. Checked on copies of the second
// program broken one way each, and on the shipped content.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/server/content/issues.ts';
import { validateContent } from '../../../src/server/content/validate.ts';
import { loadContent } from '../../../src/server/content/files.ts';
import { examComponents } from '../../../src/lib/schemas/certification.ts';
import { taskSkillShares } from '../../../src/lib/skill-evidence.ts';

const root = join(import.meta.dirname, '../../..');
const fixture = join(root, 'tests/fixtures/programs/money-basics');
const CERT = 'assessments/money-basics/certification.json';
const REVIEW = 'exercises/mb-review-invoice/exercise.json';
const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

type Json = Record<string, unknown> & { components: Record<string, unknown>[] };

/** content:check's messages (no grading) for a copy of the fixture with `file` edited. */
function messagesAfter(file: string, edit: (data: Json) => void): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'practicum-coverage-'));
  copies.push(dir);
  cpSync(fixture, dir, { recursive: true });
  const data = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Json;
  edit(data);
  writeFileSync(join(dir, file), JSON.stringify(data, null, 2));
  return validateContent(dir, { codeRoot: root, lessonCode: false }).issues.map(formatIssue);
}

const review = (data: Json) => data.components.find((c) => c['id'] === 'review-task') as Record<string, unknown>;

describe('skill coverage in content:check', () => {
  it('asks for two quiz items per area', () => {
    const messages = messagesAfter(CERT, (d) => {
      (d.components[0] as { perSkillMinimum: Record<string, number> }).perSkillMinimum['review'] = 1;
    });
    expect(messages).toEqual([
      expect.stringMatching(
        /^assessments\/money-basics\/certification\.json: components\[0\]\.perSkillMinimum\.review: the exam of levels\[0\]\.assessment\.components measures skill area "review" by 1 quiz item\(s\); every area needs at least 2 .*set "review": 2 or more/,
      ),
    ]);
  });

  it('asks for a practical task per area, naming the tasks that could carry it', () => {
    const messages = messagesAfter(CERT, (d) => {
      review(d)['skills'] = { review: 2, arithmetic: 1 };
    });
    expect(messages).toEqual([
      expect.stringMatching(
        /^assessments\/money-basics\/certification\.json: levels\[0\]\.assessment\.components: no practical task of this exam evidences skill area "representation" .*add "representation" to the "skills" of the task that measures it \("review-task"\)/,
      ),
    ]);
  });

  it('names an unknown area in skills with the ones that exist', () => {
    const messages = messagesAfter(CERT, (d) => {
      review(d)['skills'] = { review: 2, representation: 1, arithmetic: 1, rounding: 1 };
    });
    expect(messages).toEqual([expect.stringMatching(/components\[1\]\.skills\.rounding: "rounding" is not one of content\/programs\/money-basics\/program\.json's skill areas .*use one of them/)]);
  });

  it('keeps the exercise tagged with the area its task evidences most', () => {
    const messages = messagesAfter(REVIEW, (d) => {
      d['skill'] = 'arithmetic';
    });
    expect(messages).toEqual([
      expect.stringMatching(
        /^assessments\/money-basics\/certification\.json: components\[1\]\.skills: the task evidences "review" most, but its exercise is tagged "arithmetic" in exercises\/mb-review-invoice\/exercise\.json: .*set the exercise's "skill" to "review"/,
      ),
    ]);
  });

  it('finds every area of the shipped programs measured by two quiz items and a task in each exam with a quiz', () => {
    for (const dir of [root, fixture]) {
      const set = loadContent(dir);
      expect(set.certifications.length).toBeGreaterThan(0);
      for (const { data: cert } of set.certifications) {
        const program = set.programs.find((p) => p.data.id === cert.program)?.data;
        if (!program) throw new Error(`no program ${cert.program}`);
        const exams = cert.levels.flatMap((l) => [l.assessment, l.recertification?.assessment]).filter((a) => a?.type === 'exam');
        for (const exam of exams) {
          const onPaper = examComponents(cert, exam);
          if (!onPaper.some((c) => c.type === 'quiz')) continue;
          for (const area of program.skillAreas) {
            const items = onPaper.reduce((n, c) => n + (c.type === 'quiz' ? (c.perSkillMinimum[area.id] ?? 0) : 0), 0);
            const tasks = onPaper.filter((c) => c.type === 'task' && taskSkillShares(c).some((s) => s.skill === area.id));
            expect(items, `${cert.program} ${exam.components.join('+')} ${area.id}`).toBeGreaterThanOrEqual(2);
            expect(tasks.length, `${cert.program} ${exam.components.join('+')} ${area.id}`).toBeGreaterThanOrEqual(1);
          }
        }
      }
    }
  });
});
