// `npm run seed:demo -- --learners 1000 [--cohort "Name"] [--instructor email] [--password pw] [--seed n]`:
// a realistic demo cohort in DATA_DIR's database, built through the domain functions. Prints the
// instructor's login and the cohort's URL. Rerunning adds another cohort (learner emails are unique
// per run); reusing an instructor email that exists is refused with a clear message.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPassword, passwordProblem } from '../src/server/auth/password.ts';
import { loadConfig } from '../src/server/config.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { describeStore, openStore } from '../src/server/db/open.ts';
import { findUserByEmail } from '../src/server/db/users.ts';
import { parseArgs } from './lib/args.ts';
import { seedDemoCohort } from './lib/demo-cohort.ts';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const USAGE = 'usage: npm run seed:demo -- --learners <n> [--cohort <name>] [--instructor <email>] [--password <password>] [--seed <n>]';

function die(message: string): never {
  console.error(`seed:demo: ${message}\n${USAGE}`);
  process.exit(2);
}

let args: Record<string, string>;
try {
  args = parseArgs(process.argv.slice(2), ['learners', 'cohort', 'instructor', 'password', 'seed']);
} catch (error) {
  die((error as Error).message);
}
const learners = Number(args['learners'] ?? 50);
if (!Number.isInteger(learners) || learners < 1 || learners > 100_000) die('--learners must be a whole number from 1 to 100000');
const seed = args['seed'] === undefined ? undefined : Number(args['seed']);
if (seed !== undefined && !Number.isInteger(seed)) die('--seed must be a whole number');
const password = args['password'] ?? 'demo-password-1';
const problem = passwordProblem(password);
if (problem) die(problem);

process.env['PRACTICUM_ROOT'] ??= root;
const config = loadConfig();
const db = openStore(config);
await migrate(db);
const instructorEmail = args['instructor'] ?? `demo-instructor-${Date.now().toString(36)}@practicum.local`;
if (await findUserByEmail(db, instructorEmail)) die(`an account with ${instructorEmail} already exists; pass another --instructor`);

const started = performance.now();
const result = await seedDemoCohort(db, root, {
  learners,
  instructorEmail,
  passwordHash: await hashPassword(password),
  ...(args['cohort'] ? { cohortName: args['cohort'] } : {}),
  ...(seed !== undefined ? { seed } : {}),
});
await db.close();
console.log(`seeded "${result.cohort.name}": ${result.learners} learners, ${result.certified} certified, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
const ladder = result.alumni.ladder;
console.log(
  `seeded "${result.alumni.cohort.name}": ${result.alumni.learners} learners holding ${Object.entries(ladder.held).map(([level, n]) => `${level} ${n}`).join(', ')}; ` +
    `${ladder.expiringSoon} expiring within the reminder period, ${ladder.expired} expired, ${ladder.inReview} ${ladder.inReview === 1 ? 'case study' : 'case studies'} waiting for review`,
);
console.log(`  database:   ${describeStore(config)}`);
console.log(`  instructor: ${instructorEmail} / ${password}`);
console.log(`  cohort:     ${config.publicOrigin}/cohorts/${result.cohort.id}`);
console.log(`  alumni:     ${config.publicOrigin}/cohorts/${result.alumni.cohort.id}`);
