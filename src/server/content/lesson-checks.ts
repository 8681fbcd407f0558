// Reads the inline "check your understanding" questions (`<Check … />`) out of a lesson's MDX
// source, without rendering it: content:check validates them, and the progress API needs each
// check's options and key to judge an answer on the server. Only the literal forms lessons use are
// accepted — string attributes and `{…}` holding numbers, strings or arrays of them — so anything
// this parser cannot read is reported (with its line) instead of guessed at.

export interface LessonCheck {
  id: string;
  question: string;
  options: string[];
  /** Index of the correct option. */
  answer: number;
  explanation: string;
  /** 1-based line of `<Check` in the parsed source. */
  line: number;
}

export interface CheckParseProblem {
  line: number;
  message: string;
}

type Literal = string | number | Literal[];

class ParseFailure extends Error {}

/** Parses one JS literal (string, number or array of literals) starting at `start`. */
function readLiteral(text: string, start: number): { value: Literal; end: number } {
  let i = skipSpace(text, start);
  const c = text[i];
  if (c === '[') {
    const items: Literal[] = [];
    i = skipSpace(text, i + 1);
    while (text[i] !== ']') {
      const item = readLiteral(text, i);
      items.push(item.value);
      i = skipSpace(text, item.end);
      if (text[i] === ',') i = skipSpace(text, i + 1);
      else if (text[i] !== ']') throw new ParseFailure(`expected "," or "]" in an array, found ${describe(text[i])}`);
    }
    return { value: items, end: i + 1 };
  }
  if (c === "'" || c === '"' || c === '`') return readString(text, i, c);
  const number = /^-?\d+(?:\.\d+)?/.exec(text.slice(i));
  if (number) return { value: Number(number[0]), end: i + number[0].length };
  throw new ParseFailure(`expected a string, a number or an array, found ${describe(c)}`);
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '`': '`', '0': '\0' };

function readString(text: string, start: number, quote: string): { value: string; end: number } {
  let out = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i] as string;
    if (c === quote) return { value: out, end: i + 1 };
    if (quote === '`' && c === '$' && text[i + 1] === '{') throw new ParseFailure('template strings with ${…} are not supported here: write the text out');
    if (c === '\n' && quote !== '`') break;
    if (c === '\\') {
      const next = text[i + 1] ?? '';
      const unicode = next === 'u' ? /^[0-9a-fA-F]{4}/.exec(text.slice(i + 2)) : null;
      if (unicode) {
        out += String.fromCharCode(parseInt(unicode[0], 16));
        i += 5;
      } else if (next in ESCAPES) {
        out += ESCAPES[next];
        i += 1;
      } else throw new ParseFailure(`unsupported escape "\\${next}" in a string`);
      continue;
    }
    out += c;
  }
  throw new ParseFailure(`a string that starts with ${quote} is not closed`);
}

function skipSpace(text: string, i: number): number {
  for (;;) {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
    if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new ParseFailure('a /* comment is not closed');
      i = end + 2;
    } else return i;
  }
}

function describe(c: string | undefined): string {
  return c === undefined ? 'the end of the element' : JSON.stringify(c);
}

/** Attributes of the element that starts at `start` (just after `<Check`); ends after `/>`. */
function readAttributes(text: string, start: number): { attributes: Map<string, Literal>; end: number } {
  const attributes = new Map<string, Literal>();
  let i = start;
  for (;;) {
    i = skipSpace(text, i);
    if (text.startsWith('/>', i)) return { attributes, end: i + 2 };
    if (text[i] === '>') throw new ParseFailure('write <Check … /> as a self-closing element');
    const name = /^[A-Za-z][\w-]*/.exec(text.slice(i))?.[0];
    if (!name) throw new ParseFailure(`expected an attribute name or "/>", found ${describe(text[i])}`);
    if (attributes.has(name)) throw new ParseFailure(`attribute "${name}" is given twice`);
    i = skipSpace(text, i + name.length);
    if (text[i] !== '=') throw new ParseFailure(`attribute "${name}" needs a value`);
    i = skipSpace(text, i + 1);
    const c = text[i];
    if (c === '"' || c === "'") {
      // A JSX string attribute: no escapes, ends at the same quote.
      const end = text.indexOf(c, i + 1);
      if (end < 0) throw new ParseFailure(`the value of "${name}" is not closed`);
      attributes.set(name, text.slice(i + 1, end));
      i = end + 1;
    } else if (c === '{') {
      const literal = readLiteral(text, i + 1);
      i = skipSpace(text, literal.end);
      if (text[i] !== '}') throw new ParseFailure(`the value of "${name}" must be a single literal, found ${describe(text[i])}`);
      attributes.set(name, literal.value);
      i += 1;
    } else throw new ParseFailure(`the value of "${name}" must be "text" or {literal}`);
  }
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function toCheck(attributes: Map<string, Literal>, line: number): LessonCheck {
  const text = (name: string): string => {
    const value = attributes.get(name);
    if (typeof value !== 'string' || value.trim() === '') throw new ParseFailure(`"${name}" must be a non-empty string`);
    return value;
  };
  const options = attributes.get('options');
  if (!Array.isArray(options) || options.some((o) => typeof o !== 'string' || o.trim() === '')) {
    throw new ParseFailure('"options" must be an array of non-empty strings');
  }
  const answer = attributes.get('answer');
  if (typeof answer !== 'number' || !Number.isInteger(answer)) throw new ParseFailure('"answer" must be an integer, e.g. answer={0}');
  for (const name of attributes.keys()) {
    if (!['id', 'question', 'options', 'answer', 'explanation'].includes(name)) throw new ParseFailure(`unknown attribute "${name}"`);
  }
  return { id: text('id'), question: text('question'), options: options as string[], answer, explanation: text('explanation'), line };
}

/** The source with every fenced code block blanked (newlines kept), so offsets and lines stay. */
export function blankFencedCode(source: string): string {
  return source.replace(/^( {0,3})(```|~~~)[^\n]*\n[\s\S]*?^\1\2[ \t]*$/gm, (block) => block.replace(/[^\n]/g, ' '));
}

/**
 * Every `<Check … />` in an MDX source (outside fenced code blocks), in order. A check that cannot
 * be read becomes a problem with its line; the others are still returned.
 */
export function parseLessonChecks(source: string): { checks: LessonCheck[]; problems: CheckParseProblem[] } {
  const checks: LessonCheck[] = [];
  const problems: CheckParseProblem[] = [];
  // Blank out fenced code so an example that mentions <Check is not taken for one (offsets stay).
  const text = blankFencedCode(source);
  const element = /<Check(?=[\s/>])/g;
  for (let match = element.exec(text); match; match = element.exec(text)) {
    const line = lineAt(text, match.index);
    try {
      const { attributes, end } = readAttributes(text, match.index + match[0].length);
      element.lastIndex = end;
      checks.push(toCheck(attributes, line));
    } catch (error) {
      if (!(error instanceof ParseFailure)) throw error;
      problems.push({ line, message: `<Check>: ${error.message}` });
    }
  }
  return { checks, problems };
}
