// Changes a case study's files, its candidate only, while it is a draft or returned:
// {"files": {"design.md": "…", "merge.ts": "…"}, "remove": ["old.md"]} adds or replaces and removes.
// Within the content's limits (413 size, 415 type, 400 otherwise) and the account's storage quota.
import { requireUser } from '../../../../../server/auth/roles.ts';
import { requireCaseStudyOwner } from '../../../../../server/assessment/case-study-access.ts';
import { changeCaseStudyFiles, requireCaseStudy } from '../../../../../server/assessment/case-study.ts';
import { caseStudyJson } from '../../../../../server/assessment/case-study-json.ts';
import { loadAssessmentContent } from '../../../../../server/assessment/content.ts';
import { HttpError, isRecord, json, readJson } from '../../../../../server/http.ts';
import { route } from '../../../../../server/route.ts';

/** JSON escaping can double text's size; room for that and the field names. */
const jsonLimit = (maxTotalBytes: number): number => 2 * maxTotalBytes + 16 * 1024;

export const PUT = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const record = await requireCaseStudyOwner(app.db, user, context.params['id'] ?? '');
  const content = await loadAssessmentContent(record.program);
  const { caseStudy } = requireCaseStudy(content, { level: record.level, purpose: record.purpose });
  const body = await readJson(context.request, jsonLimit(caseStudy.files.maxTotalBytes));
  const files = isRecord(body) ? (body['files'] ?? {}) : null;
  const remove = isRecord(body) ? (body['remove'] ?? []) : null;
  if (!isRecord(files) || !Object.values(files).every((v) => typeof v === 'string') || !Array.isArray(remove) || !remove.every((v) => typeof v === 'string')) {
    throw new HttpError(400, 'invalid_input', 'Send {"files": {"<name>": "<text>"}, "remove": ["<name>"]}.');
  }
  const changed = await changeCaseStudyFiles(app, user, record.id, content, { add: files as Record<string, string>, remove: remove as string[] }, Date.now());
  return json(await caseStudyJson(app.db, changed, content));
});
