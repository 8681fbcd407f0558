// The stored breakdown of a scored certification attempt, one shape for everyone who touches it:
// submitAttempt() (src/server/assessment/attempts.ts) writes it, db/attempts.ts stores it as JSON in
// attempts.breakdown, and the results page, the instructor's drill-down and the CSV export read it.
// Migration 010's triggers read it inside SQLite too (src/server/db/migrations/010_report_projections.ts:
// `$.skills[].skill/score`, `$.components[].id/score/passed`, `$.questions[].id/mark`), so renaming a
// field here means a new migration for those triggers. A certificate keeps the components and skills
// of the attempt that earned it (CertificateBreakdown). Pure: the browser may import it.

export interface ComponentResult {
  id: string;
  name: string;
  /** 0..1 */
  score: number;
  passMark: number;
  passed: boolean;
  /** Share of the overall score, 0..1. */
  weight: number;
}

export interface SkillResult {
  /** Skill area id (program.json skillAreas). */
  skill: string;
  score: number;
}

export interface QuestionResult {
  id: string;
  skill: string;
  /** 0..1; partial credit for multiple-answer questions. */
  mark: number;
  /** Option ids the candidate chose (empty when unanswered). */
  chosen: string[];
}

/** A task's best graded submission within the attempt (null: none was graded). */
export interface TaskResult {
  score: number;
  submissionId: string;
  status: string;
}

export interface AttemptBreakdown {
  components: ComponentResult[];
  skills: SkillResult[];
  questions: QuestionResult[];
  /** By task component id. */
  tasks: Record<string, TaskResult | null>;
}

/** What a certificate record keeps of its attempt's breakdown. */
export type CertificateBreakdown = Pick<AttemptBreakdown, 'components' | 'skills'>;

type Check = (value: unknown) => string | null;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fields(spec: Record<string, (v: unknown) => boolean>): Check {
  return (value) => {
    if (!isObject(value)) return 'is not an object';
    for (const [name, ok] of Object.entries(spec)) if (!ok(value[name])) return `has no valid "${name}"`;
    return null;
  };
}

const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const str = (v: unknown) => typeof v === 'string';
const bool = (v: unknown) => typeof v === 'boolean';

const component = fields({ id: str, name: str, score: num, passMark: num, passed: bool, weight: num });
const skill = fields({ skill: str, score: num });
const question = fields({ id: str, skill: str, mark: num, chosen: (v) => Array.isArray(v) && v.every(str) });
const task = fields({ score: num, submissionId: str, status: str });

function listProblem(value: unknown, name: string, item: Check): string | null {
  if (!Array.isArray(value)) return `"${name}" is not a list`;
  for (const [i, entry] of value.entries()) {
    const problem = item(entry);
    if (problem) return `${name}[${i}] ${problem}`;
  }
  return null;
}

function certificateProblem(value: unknown): string | null {
  if (!isObject(value)) return 'is not an object';
  return listProblem(value['components'], 'components', component) ?? listProblem(value['skills'], 'skills', skill);
}

function attemptProblem(value: unknown): string | null {
  const problem = certificateProblem(value);
  if (problem || !isObject(value)) return problem;
  const questions = listProblem(value['questions'], 'questions', question);
  if (questions) return questions;
  const tasks = value['tasks'];
  if (!isObject(tasks)) return '"tasks" is not an object';
  for (const [id, t] of Object.entries(tasks)) {
    const p = t === null ? null : task(t);
    if (p) return `tasks.${id} ${p}`;
  }
  return null;
}

export function isAttemptBreakdown(value: unknown): value is AttemptBreakdown {
  return attemptProblem(value) === null;
}

export function isCertificateBreakdown(value: unknown): value is CertificateBreakdown {
  return certificateProblem(value) === null;
}

/** Reads a stored attempt breakdown; a row that does not match the contract is a bug worth a loud error. */
export function readAttemptBreakdown(json: string): AttemptBreakdown {
  const value: unknown = JSON.parse(json);
  const problem = attemptProblem(value);
  if (problem) throw new TypeError(`stored attempt breakdown ${problem} (see src/lib/contracts/attempt-breakdown.ts)`);
  return value as AttemptBreakdown;
}

/** Reads a certificate's stored breakdown (an attempt breakdown is one too). */
export function readCertificateBreakdown(json: string): CertificateBreakdown {
  const value: unknown = JSON.parse(json);
  const problem = certificateProblem(value);
  if (problem) throw new TypeError(`stored certificate breakdown ${problem} (see src/lib/contracts/attempt-breakdown.ts)`);
  return value as CertificateBreakdown;
}
