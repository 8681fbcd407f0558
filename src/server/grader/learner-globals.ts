// Which global names learner code may use. Exercises need standard JavaScript (plus console,
// timers, crypto.randomUUID and URL/TextEncoder-style helpers); everything else on Node's global
// object (process, require, fetch, Buffer, globalThis, vitest's __vitest_* state, vite's
// __vite_ssr_* module helpers) is a way out of the sandbox and is refused before the code runs.

const SAFE_GLOBALS = new Set([
  // values and functions of the language
  'undefined', 'NaN', 'Infinity', 'isNaN', 'isFinite', 'parseInt', 'parseFloat',
  'encodeURI', 'encodeURIComponent', 'decodeURI', 'decodeURIComponent',
  // constructors and namespaces of the language
  'Object', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'BigInt', 'Math', 'JSON', 'Date', 'RegExp',
  'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry', 'Promise', 'Proxy', 'Reflect', 'Intl',
  'Iterator', 'Temporal',
  'Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError',
  'ArrayBuffer', 'DataView', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
  'Int32Array', 'Uint32Array', 'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
  // host helpers with no reach outside the process
  'console', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'structuredClone',
  'crypto', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'AbortController', 'AbortSignal',
  'DOMException', 'atob', 'btoa',
]);

/** Names the wrapper vite/vitest put around every module, which learner code could otherwise reach. */
const WRAPPER_NAMES = new Set(['require', 'module', 'exports', '__filename', '__dirname']);

export function isSafeGlobal(name: string): boolean {
  return SAFE_GLOBALS.has(name);
}

/**
 * A name that would reach something dangerous if a reference to it fell through to the global
 * scope: anything on the global object that is not explicitly safe, the module-wrapper
 * parameters, and every double-underscore name (vite and vitest internals).
 */
export function isShadowCandidate(name: string): boolean {
  if (SAFE_GLOBALS.has(name) || name === 'eval' || name === 'arguments') return false;
  return WRAPPER_NAMES.has(name) || name.startsWith('__') || name in globalThis || name === 'globalThis';
}
