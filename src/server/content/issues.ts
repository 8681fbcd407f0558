// Turns zod errors and other content problems into messages that name the file and the field.
import type { z } from 'astro/zod';

export interface ContentIssue {
  file: string;
  field?: string;
  message: string;
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

export function zodIssues(file: string, error: z.ZodError): ContentIssue[] {
  return error.issues.map((issue) => {
    const field = fieldPath(issue.path);
    let message = issue.message;
    if (issue.code === 'invalid_type' && /received undefined/.test(message)) message = 'is required';
    if (issue.code === 'unrecognized_keys') message = `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling)`;
    return field ? { file, field, message } : { file, message };
  });
}

export function formatIssue(issue: ContentIssue): string {
  return issue.field ? `${issue.file}: ${issue.field}: ${issue.message}` : `${issue.file}: ${issue.message}`;
}
