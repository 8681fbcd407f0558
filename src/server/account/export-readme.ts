// README.txt of the data export: who it is for and when it was made, then every file and folder at
// the top of the zip with what it holds (folders the account has nothing in are named as left out).
// Pure.
import type { SessionUser } from '../auth/roles.ts';

/** What the export can hold at its top level, in the order the README lists it. */
export const EXPORT_ENTRIES = {
  'profile.json': 'Your account: name, email, role, when it was created and last active, your holder identifier (the subject of your digital credentials) and the cohorts you joined.',
  'progress.json': 'Lessons you completed, your answers to the checks inside lessons (right or wrong, and the option you chose), and the solutions you opened.',
  'feedback.json': 'The feedback you gave: per session (ratings and comments) and at the end of a program (ratings and answers).',
  'peer-reviews.json':
    'Peer review: the work you sent for review with the reviews you received (rubric points, comments, line comments; reviewers are not named), and the reviews you wrote.',
  'drafts/': 'Code you were working on in the editor, as last saved, one folder per exercise: drafts/<exercise>/<file>. A folder named <exercise>@<attempt> is a task of a certification attempt.',
  'submissions/':
    'Everything you submitted for grading, one folder per submission: submissions/<exercise>/<number>-<time>-<id>/. files/ holds the files exactly as you submitted them; result.json says how they were graded (status, score, failing tests, the grader’s report, an instructor’s homework review, and the certification attempt when it was a task of one).',
  'certification-attempts/':
    'Your certification attempts, one JSON file each: certification-attempts/<program>/<time>-<level>-<id>.json, with every question as you saw it, your answers, the questions you flagged, the practical tasks, your marks and the scored breakdown by component and skill area.',
  'practice-exams/': 'Your practice exams, one JSON file each: practice-exams/<program>/<time>-<level>-<id>.json, with the questions, your answers and marks.',
  'case-studies/':
    'Your case studies: case-studies/<program>/<level>-<time>-<id>/. files/ holds the design and code you uploaded; case-study.json its state and every review decision with the reviewer’s points and comments.',
  'certificates/':
    'One folder per certificate: certificates/<program>-<level>-<id>/. certificate.pdf is the printable certificate; credential.jwt your signed Open Badges 3.0 digital credential (a VC-JWT: wallets and verifiers check it against the issuer’s public keys); badge.svg the badge image with that same credential baked in, for badge backpacks; certificate.json what its public verification page shows (status, dates, skill areas, the verification address).',
  'README.txt': 'This file.',
} as const;

export type ExportEntry = keyof typeof EXPORT_ENTRIES;

/** How many records went into one top-level file or folder. */
export interface ExportSection {
  name: ExportEntry;
  count: number;
}

const LEFT_OUT_WHEN_EMPTY: ReadonlySet<string> = new Set(['peer-reviews.json', 'drafts/', 'submissions/', 'certification-attempts/', 'practice-exams/', 'case-studies/', 'certificates/']);

function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

export function exportReadme(input: { user: Pick<SessionUser, 'name' | 'email'>; origin: string; now: number; sections: readonly ExportSection[] }): string {
  const counts = new Map(input.sections.map((s) => [s.name as string, s.count]));
  const present = (Object.keys(EXPORT_ENTRIES) as ExportEntry[]).filter((name) => name === 'README.txt' || (counts.has(name) && !(LEFT_OUT_WHEN_EMPTY.has(name) && counts.get(name) === 0)));
  const absent = (Object.keys(EXPORT_ENTRIES) as ExportEntry[]).filter((name) => LEFT_OUT_WHEN_EMPTY.has(name) && counts.get(name) === 0);
  const out = [
    `Your Practicum data`,
    ``,
    wrap(`Everything ${input.user.name} (${input.user.email}) made and earned on ${input.origin}, as it stood on ${new Date(input.now).toISOString()}. Times are in UTC (ISO 8601). JSON files are UTF-8.`, 78, ''),
    ``,
    `What each file and folder is:`,
    ``,
  ];
  for (const name of present) {
    const n = counts.get(name);
    const tally = name.endsWith('/') && n !== undefined ? ` (${n})` : '';
    out.push(`${name}${tally}`, wrap(EXPORT_ENTRIES[name], 76, '  '), '');
  }
  if (absent.length > 0) out.push(wrap(`Not included because you have none: ${absent.join(', ')}.`, 78, ''), '');
  out.push(
    wrap(
      `To check a certificate, open its verification address (in certificate.json) or verify credential.jwt with the issuer's keys at ${input.origin}/.well-known/jwks.json. Your account page (${input.origin}/me/account) lets you download this again or delete your account.`,
      78,
      '',
    ),
    '',
  );
  return out.join('\n');
}
