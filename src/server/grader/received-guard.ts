// Part of the sandbox setup (imported by fork-guard.ts, runs inside the sandboxed fork): stops
// learner values from forging a match in deep-equality assertions. vitest's `equals` honours an
// `asymmetricMatch` method on EITHER side, so `expect(learnerValue).toEqual(anything)` passes
// when the learner returns `{ asymmetricMatch: () => true }` (or hides one anywhere inside the
// value, or in a thrown error compared by `toThrow(new Error(...))`). Before every equality-based
// matcher runs, the received value is walked; a value that carries a matcher, or that could show
// the walk something else than what the comparison will see later (a Proxy, a getter), fails the
// assertion instead. Residual gap, noted: an iterable whose iterator yields different values on
// the second pass (the walk iterates it once).
import { types } from 'node:util';
import type { chai as vitestChai } from 'vitest';

type Chai = typeof vitestChai;
type AnyFn = (...args: unknown[]) => unknown;

/** Matchers whose received value (the `expect(...)` argument) reaches `equals`. */
const EQUALITY_MATCHERS = [
  'toEqual', 'toStrictEqual', 'toMatchObject', 'toContainEqual', 'toHaveProperty',
  'toHaveBeenCalledWith', 'toBeCalledWith', 'toHaveBeenCalledExactlyOnceWith', 'toHaveBeenNthCalledWith',
  'toHaveBeenLastCalledWith', 'toHaveReturnedWith', 'toReturnWith', 'toHaveLastReturnedWith', 'toLastReturnedWith',
  'toHaveNthReturnedWith', 'toNthReturnedWith', 'toHaveResolvedWith', 'toHaveLastResolvedWith', 'toHaveNthResolvedWith',
];
const THROW_MATCHERS = ['toThrow', 'toThrowError'];
const SPY_RECORDS = ['calls', 'results', 'settledResults', 'contexts', 'instances'];
/** Values walked per assertion before giving up (a forged matcher could hide past any cut-off). */
const MAX_VALUES = 200_000;

const INTRINSIC_ITERATORS = new Set<unknown>([
  Array.prototype[Symbol.iterator], Set.prototype[Symbol.iterator], Map.prototype[Symbol.iterator],
  String.prototype[Symbol.iterator], Object.getPrototypeOf(Uint8Array).prototype[Symbol.iterator],
]);

/** Why `root` cannot be compared honestly, or undefined when it can. */
export function forgeryIn(root: unknown): string | undefined {
  const seen = new Set<unknown>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) continue;
    seen.add(value);
    if (seen.size > MAX_VALUES) return 'is too large to compare';
    if (types.isProxy(value)) return 'contains a Proxy';
    for (let p: object | null = Object.getPrototypeOf(value) as object | null; p !== null; p = Object.getPrototypeOf(p) as object | null) {
      if (types.isProxy(p)) return 'has a Proxy as prototype';
    }
    if (typeof value === 'function') {
      // spies keep what they were called with and returned in `mock` (whose own getters are vitest's)
      const mock = (value as { mock?: unknown }).mock as Record<string, unknown> | undefined;
      if (typeof mock === 'object' && mock !== null) for (const key of SPY_RECORDS) stack.push(mock[key]);
      continue;
    }
    if ('asymmetricMatch' in value) return 'pretends to be a test matcher (it has an asymmetricMatch member)';
    if (types.isTypedArray(value) || types.isArrayBuffer(value) || types.isDataView(value)) continue;
    if (types.isMap(value)) for (const [k, v] of Map.prototype.entries.call(value)) stack.push(k, v);
    else if (types.isSet(value)) for (const v of Set.prototype.values.call(value)) stack.push(v);
    for (const key of Reflect.ownKeys(value)) {
      const d = Reflect.getOwnPropertyDescriptor(value, key);
      if (!d) continue;
      if ('value' in d) stack.push(d.value);
      // equality reads own enumerable properties only; class getters live on the prototype
      else if (d.enumerable && !(key === 'stack' && types.isNativeError(value))) {
        return `has a getter (${String(key)}) whose value could change between checks`;
      }
    }
    const iterator = (value as { [Symbol.iterator]?: unknown })[Symbol.iterator];
    if (typeof iterator === 'function' && !INTRINSIC_ITERATORS.has(iterator)) {
      let n = 0;
      for (const item of value as Iterable<unknown>) {
        stack.push(item);
        if (++n > MAX_VALUES) return 'is too large to compare';
      }
    }
  }
  return undefined;
}

/** The value toHaveProperty compares (it may come from a getter on the prototype). */
function valueAtPath(root: unknown, path: unknown): unknown {
  const parts = Array.isArray(path) ? path : typeof path === 'string' ? path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '') : [];
  let value = root;
  for (const part of parts) {
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || types.isProxy(value)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[part as PropertyKey];
  }
  return value;
}

const refusal = (what: string, why: string): string =>
  `The ${what} ${why}, so it cannot be compared: return plain values (objects, arrays, class instances) from your code.`;

export function guardReceivedValues(chai: Chai): void {
  const { flag, overwriteMethod } = chai.util;
  const proto = chai.Assertion.prototype as unknown as Record<string, unknown>;
  for (const name of EQUALITY_MATCHERS) {
    if (typeof proto[name] !== 'function') continue;
    overwriteMethod(chai.Assertion.prototype, name, (original: AnyFn) =>
      function (this: object, ...args: unknown[]) {
        const received: unknown = flag(this, 'object');
        const why = forgeryIn(received) ?? (name === 'toHaveProperty' ? forgeryIn(valueAtPath(received, args[0])) : undefined);
        if (why) throw new chai.AssertionError(refusal('value under test', why));
        return original.apply(this, args);
      },
    );
  }
  for (const name of THROW_MATCHERS) {
    if (typeof proto[name] !== 'function') continue;
    overwriteMethod(chai.Assertion.prototype, name, (original: AnyFn) =>
      function (this: object, ...args: unknown[]) {
        const received: unknown = flag(this, 'object');
        if (flag(this, 'promise') === 'rejects') {
          const why = forgeryIn(received);
          if (why) throw new chai.AssertionError(refusal('rejection value', why));
        } else if (typeof received === 'function') {
          // call the function once here, check what it throws, and let the matcher see a replay
          let threw = false;
          let outcome: unknown;
          try {
            outcome = (received as AnyFn)();
          } catch (error) {
            threw = true;
            outcome = error;
          }
          const why = threw ? forgeryIn(outcome) : undefined;
          if (why) throw new chai.AssertionError(refusal('thrown value', why));
          flag(this, 'object', () => {
            if (threw) throw outcome;
            return outcome;
          });
        }
        return original.apply(this, args);
      },
    );
  }
}
