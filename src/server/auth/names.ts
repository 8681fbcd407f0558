// Display names as they are stored and printed on certificates: NFC, without control characters or
// bidirectional overrides (which can reverse how a certificate or cohort report reads), spaces collapsed.
export const MAX_NAME_LENGTH = 100;

// Whitespace control characters (tab, line feed, vertical tab, form feed, carriage return, next line)
// separate words, so they become spaces; every other Cc character is dropped.
const CONTROL_SPACE = /[\t\n\v\f\r\u0085]/g;
const CONTROL = /\p{Cc}/gu;
// LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI; LRM, RLM; the Arabic letter mark.
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** The cleaned name: possibly empty, which callers must refuse. */
export function cleanName(raw: string): string {
  return raw
    .toWellFormed()
    .normalize('NFC')
    .replace(CONTROL_SPACE, ' ')
    .replace(CONTROL, '')
    .replace(BIDI, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Why a cleaned name cannot be used, or null when it can. */
export function nameProblem(name: string): string | null {
  if (name.length < 1 || name.length > MAX_NAME_LENGTH) {
    return `Enter your name (1 to ${MAX_NAME_LENGTH} characters); it appears on your certificate.`;
  }
  return null;
}
