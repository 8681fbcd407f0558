// Text files uploaded from an HTML form (multipart/form-data), read within a byte limit: every file
// must be UTF-8 text (415 otherwise), so nothing binary is ever stored or served back. What the files
// may be named and how large each may be is the caller's rule (e.g. a case study's limits).
import { HttpError, readBodyBytes } from './http.ts';

export interface TextUpload {
  /** The form's other fields. */
  fields: URLSearchParams;
  /** File name → text, for every non-empty file input. */
  files: Record<string, string>;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export async function readTextUpload(request: Request, limit: number): Promise<TextUpload> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the files as a form upload (multipart/form-data).');
  }
  const body = await readBodyBytes(request, limit);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { 'content-type': type } }).formData();
  } catch {
    throw new HttpError(400, 'invalid_form', 'The upload could not be read as a form.');
  }
  const fields = new URLSearchParams();
  const files: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') {
      fields.append(name, value);
      continue;
    }
    if (value.name === '' && value.size === 0) continue; // a file input left empty
    const fileName = value.name.split(/[\\/]/).pop() ?? value.name;
    try {
      files[fileName] = decoder.decode(new Uint8Array(await value.arrayBuffer()));
    } catch {
      throw new HttpError(415, 'unsupported_media_type', `"${fileName.slice(0, 80)}" is not a UTF-8 text file: upload text files only (a written design as Markdown or plain text, and code).`);
    }
  }
  return { fields, files };
}
