// Shared fixtures for the assessment unit tests: the real clean-timestamp bank and certification
// read from assessments/, and a small factory for hand-made questions.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { questionSchema, type Question } from '../../../src/lib/schemas/question.ts';
import { certificationSchema, type Certification } from '../../../src/lib/schemas/certification.ts';

export const programDir = fileURLToPath(new URL('../../../assessments/clean-timestamp/', import.meta.url));

export interface BankFile {
  file: string;
  raw: unknown;
}

export function readBankFiles(): BankFile[] {
  const dir = `${programDir}questions/`;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, raw: JSON.parse(readFileSync(dir + file, 'utf8')) as unknown }));
}

export function loadBank(): Question[] {
  return readBankFiles().map(({ raw }) => questionSchema.parse(raw));
}

export function loadCertification(): Certification {
  return certificationSchema.parse(JSON.parse(readFileSync(`${programDir}certification.json`, 'utf8')));
}

/** A valid single-choice question with options a (correct), b, c, d unless overridden. */
export function makeQuestion(id: string, skill: string, overrides: Partial<Question> = {}): Question {
  return {
    id,
    skill,
    session: 1,
    difficulty: 1,
    type: 'single',
    prompt: `Prompt of ${id}`,
    options: [
      { id: 'a', text: 'right', correct: true },
      { id: 'b', text: 'wrong 1' },
      { id: 'c', text: 'wrong 2' },
      { id: 'd', text: 'wrong 3' },
    ],
    explanation: `Explanation of ${id}, long enough.`,
    ...overrides,
  };
}
