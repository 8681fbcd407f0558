// Validates a credential against 1EdTech's Open Badges 3.0 AchievementCredential JSON Schema, vendored
// in tests/fixtures/ob3 (source and commit in its README), with Ajv's draft 2019-09 validator.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';

const schemaPath = fileURLToPath(new URL('../fixtures/ob3/achievementcredential.json', import.meta.url));
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
// strict: false only quiets Ajv's style warnings about the schema (a 2-tuple `items` on @context); validation is the same.
const ajv = new Ajv2019({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/** The schema's complaints about `credential`, one line each ("/path: message"); empty when it is valid. */
export function ob3SchemaErrors(credential: unknown): string[] {
  if (validate(credential)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'}: ${error.message ?? 'invalid'} ${JSON.stringify(error.params)}`);
}
