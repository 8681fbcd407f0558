// Inside a sandboxed grading run, no function's source text can be read: Function.prototype.toString
// answers for every function written in JavaScript or TypeScript the way it answers for a built-in,
// `function name() { [native code] }` (or `class Name { [native code] }`). Otherwise a learner's
// test could fingerprint the code under test (`Project.toString()`) and "catch" every mutant of a
// write-tests exercise without testing any behaviour, and learner code could read the text of a
// hidden test's callback. Only a destructured first parameter stays visible, because vitest reads
// it from the text to decide which test-context fixtures a test uses (`({ task }) => …`).
// Installed by fork-guard.ts before it freezes Function.prototype; runs inside the fork.

const NATIVE_BODY = /\{\s*\[native code\]\s*\}\s*$/;
/** The parameter list of a function, method, accessor or arrow whose text starts with it. */
const HEAD = /^\s*(?:async\b\s*)?(?:function\b[\s*]*[\w$]*\s*|(?:(?:static|async|get|set)\s+)*\*?\s*[\w$#]+\s*)?\(([^)]*)\)/;

export function hideFunctionSources(): void {
  const original = Function.prototype.toString;
  const apply = Reflect.apply;
  const describeOwn = Object.getOwnPropertyDescriptor;
  // the name is readable as fn.name anyway; an accessor `name` is not called (it is code under test)
  const nameOf = (fn: unknown): string => {
    const name: unknown = typeof fn === 'function' ? describeOwn(fn, 'name')?.value : undefined;
    return typeof name === 'string' ? name : '';
  };
  // a method, like the built-in it replaces: no prototype, not a constructor
  const { toString } = {
    toString(this: unknown): string {
      const text = apply(original, this, []) as string; // throws for a non-function, as the built-in does
      if (NATIVE_BODY.test(text)) return text;
      const name = nameOf(this);
      if (/^\s*class\b/.test(text)) return `class ${name} { [native code] }`;
      const params = HEAD.exec(text)?.[1] ?? '';
      return `function ${name}(${/^\s*\{/.test(params) ? params.trim() : ''}) { [native code] }`;
    },
  };
  const current = describeOwn(Function.prototype, 'toString');
  Object.defineProperty(Function.prototype, 'toString', {
    value: toString,
    writable: current?.writable ?? true,
    enumerable: false,
    configurable: current?.configurable ?? true,
  });
}
