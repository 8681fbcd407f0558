// Runs inside the sandboxed fork: freezes what the exercise itself provides to a grading run — the
// reference library and the starter files the learner does not write — so that learner code,
// which imports the very same classes as the hidden tests, cannot rewrite them. Tried: against a
// hidden suite that froze its own repository, a submission that did no work at all got full credit
// by redefining `TimestampRepository.prototype.stats` (to hide that it made no batch calls) and a
// read-only entity's getter (to report the state the test expected). The sandbox plugin appends a
// call of `freezeModuleExports` to the end of each such module (exported-values.ts), so its values
// are frozen before any module importing them runs.
// No imports: this file is loaded into every run.

/**
 * Freezes each value and everything reachable through its own properties: a class, its static
 * members, its prototype and the methods and accessors on it; an object or array constant and
 * its contents. Prototype chains are not followed (a base class is frozen by its own module, the
 * language's intrinsics by fork-guard.ts). Private fields stay writable: instances work as before.
 */
export function freezeModuleExports(values: readonly unknown[]): void {
  const seen = new Set<unknown>();
  const stack: unknown[] = [...values];
  while (stack.length > 0) {
    const value = stack.pop();
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) continue;
    seen.add(value);
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) {
      const d = Object.getOwnPropertyDescriptor(value, key);
      if (!d) continue;
      if ('value' in d) stack.push(d.value);
      else stack.push(d.get, d.set);
    }
  }
}
