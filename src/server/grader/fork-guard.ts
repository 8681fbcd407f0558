// Setup file of every grading run: executes inside the sandboxed test fork after vitest has
// started and before the test file (and so the learner's code) is imported. It hardens the shared
// realm so learner code cannot change how assertions or the runner behave:
// - the language's intrinsics (Object.is, Array.prototype, Promise, JSON ...) are frozen, and so are
//   the global variables that hold them (Date excepted: vitest's fake timers replace it), so
//   nothing that expect/chai or the runner relies on can be patched or swapped;
// - chai and expect are deep-frozen, so assertions cannot be turned into no-ops, after the
//   equality matchers learned to refuse received values that forge a match (received-guard.ts);
// - process-level escape hatches that the permission model does not cover (signals to other
//   processes, loading builtins such as node:module by name) are removed;
// - console output stops (with an error) past the run's output limit, so a print loop cannot
//   fill this process's memory before the main process notices;
// - no function's source text can be read through Function.prototype.toString (source-text-guard.ts),
//   and no stack trace shows a frame of the exercise's own code (stack-guard.ts).
// In a coverage run's child it first starts the coverage probe (coverage-probe.ts), before anything
// the learner wrote can run.
// It never decides a verdict: the trusted main process does that from vitest's task states.
import { format } from 'node:util';
import { chai, expect } from 'vitest';
import { startCoverageProbe } from './coverage-probe.ts';
import { guardReceivedValues } from './received-guard.ts';
import { hideFunctionSources } from './source-text-guard.ts';
import { hideCodeUnderTestFrames } from './stack-guard.ts';

type AnyObject = Record<PropertyKey, unknown>;

/** Properties that ordinary code sets on instances; see `allowInstanceOverride`. */
const OVERRIDABLE: ReadonlyArray<readonly [object, readonly PropertyKey[]]> = [
  [Object.prototype, ['constructor', 'toString', 'valueOf', 'toLocaleString', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable']],
  [Function.prototype, ['constructor', 'toString', 'call', 'apply', 'bind']],
  [Array.prototype, ['constructor', 'toString', 'push', 'concat', 'join', 'map', 'filter', 'forEach', 'slice', 'splice', 'sort', 'pop', 'shift', 'unshift']],
  [Promise.prototype, ['constructor', 'then', 'catch', 'finally']],
  [Date.prototype, ['constructor', 'toString', 'toJSON', 'valueOf', 'toISOString']],
  [Map.prototype, ['constructor', 'get', 'set', 'has', 'delete', 'clear']],
  [Set.prototype, ['constructor', 'add', 'has', 'delete', 'clear']],
  [RegExp.prototype, ['constructor', 'toString', 'exec']],
  [String.prototype, ['constructor', 'toString', 'valueOf']],
  [Number.prototype, ['constructor', 'toString', 'valueOf']],
  [Symbol.prototype, ['constructor', 'toString', 'valueOf']],
  ...[Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError, AggregateError].map(
    (E) => [E.prototype, ['constructor', 'name', 'message', 'toString']] as const,
  ),
];

/**
 * Freezing a prototype makes `instance.prop = x` throw when `prop` is an inherited read-only
 * data property (the "override mistake"), which breaks ordinary code such as
 * `this.name = 'ValidationError'` in an Error subclass. Turning the property into an accessor
 * keeps the prototype immutable while letting instances get their own property.
 */
function allowInstanceOverride(target: object, key: PropertyKey): void {
  const desc = Object.getOwnPropertyDescriptor(target, key);
  if (!desc || !('value' in desc) || !desc.writable || !desc.configurable) return;
  const value: unknown = desc.value;
  Object.defineProperty(target, key, {
    get() {
      return value;
    },
    set(this: AnyObject, next: unknown) {
      if (this === target) throw new TypeError(`Cannot change the shared ${String(key)} in the grading sandbox`);
      if (Object.prototype.hasOwnProperty.call(this, key)) this[key] = next;
      else Object.defineProperty(this, key, { value: next, writable: true, enumerable: true, configurable: true });
    },
    enumerable: desc.enumerable ?? false,
    configurable: false,
  });
}

/** Error.stackTraceLimit and Error.prepareStackTrace are set temporarily by vitest itself. */
const ERROR_MUTABLE = new Set<PropertyKey>(['stackTraceLimit', 'prepareStackTrace']);

/** Locks every existing property of an object without making it non-extensible. */
function lockProperties(value: object): void {
  for (const key of Reflect.ownKeys(value)) {
    const d = Object.getOwnPropertyDescriptor(value, key);
    if (!d?.configurable) continue;
    Object.defineProperty(value, key, 'value' in d ? { writable: false, configurable: false } : { configurable: false });
  }
}

function freezeDeep(root: unknown, keepFunctionsExtensible = false): void {
  const seen = new Set<unknown>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) continue;
    seen.add(value);
    if (value === Error) {
      for (const key of Reflect.ownKeys(Error)) {
        if (ERROR_MUTABLE.has(key)) continue;
        const d = Object.getOwnPropertyDescriptor(Error, key);
        if (d?.configurable) Object.defineProperty(Error, key, 'value' in d ? { writable: false, configurable: false } : { configurable: false });
      }
    } else if (typeof value === 'function' && keepFunctionsExtensible) {
      lockProperties(value as object);
    } else {
      try {
        Object.freeze(value);
      } catch {
        // module namespace objects cannot be frozen; their bindings are read-only to importers anyway
      }
    }
    stack.push(Object.getPrototypeOf(value));
    for (const key of Reflect.ownKeys(value)) {
      const d = Object.getOwnPropertyDescriptor(value, key);
      if (!d) continue;
      if ('value' in d) stack.push(d.value);
      else stack.push(d.get, d.set);
    }
  }
}

function hiddenIntrinsics(): unknown[] {
  const iteratorProto = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  return [
    Object.getPrototypeOf(function* () {}),
    Object.getPrototypeOf(async function () {}),
    Object.getPrototypeOf(async function* () {}),
    Object.getPrototypeOf(Uint8Array),
    iteratorProto,
    Object.getPrototypeOf(new Map().entries()),
    Object.getPrototypeOf(new Set().values()),
    Object.getPrototypeOf(''[Symbol.iterator]()),
    Object.getPrototypeOf(/x/[Symbol.matchAll]('')),
  ];
}

const INTRINSIC_GLOBALS = [
  'Object', 'Function', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'BigInt', 'Math', 'JSON', 'Date', 'RegExp',
  'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry', 'Promise', 'Proxy', 'Reflect', 'Intl', 'Iterator',
  'Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError',
  'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Atomics', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array',
  'Uint16Array', 'Int32Array', 'Uint32Array', 'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
  'isNaN', 'isFinite', 'parseInt', 'parseFloat', 'encodeURI', 'encodeURIComponent', 'decodeURI', 'decodeURIComponent',
] as const;

/** Global bindings vitest itself replaces while tests run (fake timers, vi.setSystemTime). */
const REPLACEABLE_GLOBALS = new Set<string>(['Date']);

/**
 * Makes the global variables of the intrinsics read-only. Freezing `Promise` does not stop
 * `Promise = Fake`, which rebinds the global that the runner reads on every test (tried: every
 * failing test passed); learner code is refused such writes before it runs (global-writes.ts),
 * and this holds even for code that slipped past those checks.
 */
function lockGlobalBindings(): void {
  for (const name of INTRINSIC_GLOBALS) {
    if (REPLACEABLE_GLOBALS.has(name)) continue;
    const d = Object.getOwnPropertyDescriptor(globalThis, name);
    if (d?.configurable) Object.defineProperty(globalThis, name, 'value' in d ? { writable: false, configurable: false } : { configurable: false });
  }
}

/** Builtins learner code could use to leave the sandbox if it ever got hold of `process`. */
const SAFE_BUILTINS = new Set(['assert', 'buffer', 'events', 'path', 'querystring', 'string_decoder', 'url', 'util']);

function restrictProcess(): void {
  const proc = process as unknown as AnyObject;
  const getBuiltin = process.getBuiltinModule.bind(process);
  const refuse = (what: string) => () => {
    throw new Error(`${what} is not available while grading`);
  };
  proc['kill'] = refuse('process.kill');
  proc['dlopen'] = refuse('process.dlopen');
  proc['getBuiltinModule'] = (id: string) => {
    if (SAFE_BUILTINS.has(id.replace(/^node:/, ''))) return getBuiltin(id);
    throw new Error(`process.getBuiltinModule("${id}") is not available while grading`);
  };
}

/** MAX_RUN_OUTPUT_BYTES of src/lib/grade-result.ts (a run may load nothing outside the grader's folder). */
const MAX_RUN_OUTPUT_BYTES = 1024 * 1024;
const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'dirxml', 'table', 'group', 'groupCollapsed', 'count', 'timeLog'];

function limitConsoleOutput(): void {
  const target = console as unknown as Record<string, (...args: unknown[]) => void>;
  let printed = 0;
  for (const method of CONSOLE_METHODS) {
    const original = target[method];
    if (typeof original !== 'function') continue;
    target[method] = (...args: unknown[]) => {
      if (printed > MAX_RUN_OUTPUT_BYTES) throw new Error(`Output limit exceeded: more than ${MAX_RUN_OUTPUT_BYTES} bytes printed`);
      printed += Buffer.byteLength(format(...args)) + 1;
      original.apply(console, args);
    };
  }
}

const globals = globalThis as unknown as AnyObject;
// first: vitest reads the source text of the probe's hook when it is registered
startCoverageProbe();
hideFunctionSources();
hideCodeUnderTestFrames();
for (const [target, keys] of OVERRIDABLE) for (const key of keys) allowInstanceOverride(target, key);
guardReceivedValues(chai);
// chai records flags with `fn.__flags ||= {}` on the matcher wrappers that `.resolves`/`.rejects`
// call, so functions in chai's tree stay extensible; every property they already have is locked
// (not writable, not configurable), so no existing matcher or helper can be replaced.
freezeDeep(chai, true);
freezeDeep(chai.Assertion, true);
freezeDeep(expect, true);
for (const name of INTRINSIC_GLOBALS) freezeDeep(globals[name]);
for (const intrinsic of hiddenIntrinsics()) freezeDeep(intrinsic);
lockGlobalBindings();
restrictProcess();
limitConsoleOutput();
