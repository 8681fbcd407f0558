// `npm run user:create -- --email <e> --name <n> --role learner|instructor|admin [--password <p>]`
// Without --password it prompts (hidden) on a terminal, or reads one line from standard input. That is
// the way to use it: npm echoes the whole command line (password included) before running the script,
// and shells keep it in their history, so --password works but earns a warning on standard error.
import { createInterface } from 'node:readline';
import { loadConfig } from '../src/server/config.ts';
import { describeStore, openStore } from '../src/server/db/open.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { createUser, DuplicateEmailError, ROLES, type Role } from '../src/server/db/users.ts';
import { hashPassword, passwordProblem } from '../src/server/auth/password.ts';
import { isValidEmail, normaliseEmail } from '../src/server/auth/accounts.ts';
import { cleanName, nameProblem } from '../src/server/auth/names.ts';
import { parseArgs } from './lib/args.ts';

const USAGE = 'usage: npm run user:create -- --email <email> --name <name> --role learner|instructor|admin [--password <password>]';

function die(message: string): never {
  console.error(`user:create: ${message}\n${USAGE}`);
  process.exit(1);
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) return line;
    return '';
  }
  process.stdout.write('Password (input hidden): ');
  process.stdin.setRawMode(true);
  let value = '';
  for await (const chunk of process.stdin) {
    for (const ch of String(chunk)) {
      if (ch === '\r' || ch === '\n') {
        process.stdin.setRawMode(false);
        process.stdout.write('\n');
        return value;
      }
      if (ch === '\u0003') process.exit(130);
      value = ch === '\u007f' ? value.slice(0, -1) : value + ch;
    }
  }
  return value;
}

let args: Record<string, string>;
try {
  args = parseArgs(process.argv.slice(2), ['email', 'name', 'role', 'password']);
} catch (error) {
  die(error instanceof Error ? error.message : String(error));
}
const email = normaliseEmail(args['email'] ?? '');
const name = cleanName(args['name'] ?? '');
const role = (args['role'] ?? 'learner') as Role;
if (!isValidEmail(email)) die('--email must be a valid email address');
if (nameProblem(name)) die('--name is required (1 to 100 characters once control and bidirectional characters are removed)');
if (!ROLES.includes(role)) die(`--role must be one of ${ROLES.join(', ')}`);
if (args['password'] !== undefined) {
  console.error(
    'user:create: warning: --password shows the password in npm\'s command echo, your shell history and the process list. ' +
      'Leave --password out to be asked for it (input hidden), or pipe it on standard input.',
  );
}
const password = args['password'] ?? (await readPassword());
const weak = passwordProblem(password);
if (weak) die(weak);

const config = loadConfig();
const db = openStore(config);
await migrate(db);
try {
  const user = await createUser(db, { email, name, role, passwordHash: await hashPassword(password) });
  console.log(`created ${user.role} ${user.email} (id ${user.id}) in ${describeStore(config)}`);
} catch (error) {
  if (error instanceof DuplicateEmailError) die(`a user with email ${email} already exists`);
  throw error;
} finally {
  await db.close();
}
