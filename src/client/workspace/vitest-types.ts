// Minimal type declarations for 'vitest' inside the editor: enough for completion and errors in the
// visible tests and in learner-written tests, without shipping vitest's real (large) .d.ts files.
export const VITEST_TYPES_PATH = 'file:///node_modules/vitest/index.d.ts';

export const VITEST_TYPES = `declare module 'vitest' {
  type Awaitable<T> = T | PromiseLike<T>;
  type TestFn = () => Awaitable<unknown>;
  interface TestApi {
    (name: string, fn?: TestFn, timeout?: number): void;
    skip(name: string, fn?: TestFn, timeout?: number): void;
    only(name: string, fn?: TestFn, timeout?: number): void;
    todo(name: string): void;
    each<T>(cases: readonly T[]): (name: string, fn: (arg: T) => Awaitable<unknown>) => void;
  }
  interface SuiteApi {
    (name: string, fn: () => void): void;
    skip(name: string, fn: () => void): void;
    only(name: string, fn: () => void): void;
    each<T>(cases: readonly T[]): (name: string, fn: (arg: T) => void) => void;
  }
  interface Matchers<R = void> {
    not: Matchers<R>;
    resolves: Matchers<Promise<R>>;
    rejects: Matchers<Promise<R>>;
    toBe(expected: unknown): R;
    toEqual(expected: unknown): R;
    toStrictEqual(expected: unknown): R;
    toBeTruthy(): R;
    toBeFalsy(): R;
    toBeNull(): R;
    toBeUndefined(): R;
    toBeDefined(): R;
    toBeNaN(): R;
    toBeInstanceOf(expected: abstract new (...args: never[]) => unknown): R;
    toBeGreaterThan(n: number | bigint): R;
    toBeGreaterThanOrEqual(n: number | bigint): R;
    toBeLessThan(n: number | bigint): R;
    toBeLessThanOrEqual(n: number | bigint): R;
    toBeCloseTo(n: number, digits?: number): R;
    toContain(item: unknown): R;
    toContainEqual(item: unknown): R;
    toHaveLength(n: number): R;
    toHaveProperty(path: string | readonly string[], value?: unknown): R;
    toMatch(expected: string | RegExp): R;
    toMatchObject(expected: object): R;
    toThrow(expected?: string | RegExp | Error | (abstract new (...args: never[]) => unknown)): R;
    toThrowError(expected?: string | RegExp | Error | (abstract new (...args: never[]) => unknown)): R;
    toHaveBeenCalled(): R;
    toHaveBeenCalledTimes(n: number): R;
    toHaveBeenCalledWith(...args: unknown[]): R;
    toHaveBeenLastCalledWith(...args: unknown[]): R;
    toHaveReturned(): R;
    toSatisfy(predicate: (value: unknown) => boolean): R;
  }
  interface ExpectStatic {
    <T>(actual: T, message?: string): Matchers;
    soft<T>(actual: T, message?: string): Matchers;
    assertions(n: number): void;
    hasAssertions(): void;
    any(constructor: unknown): unknown;
    anything(): unknown;
    objectContaining(expected: object): unknown;
    arrayContaining(expected: readonly unknown[]): unknown;
    stringContaining(expected: string): unknown;
    stringMatching(expected: string | RegExp): unknown;
  }
  interface Mock<A extends unknown[] = unknown[], R = unknown> {
    (...args: A): R;
    mock: { calls: A[]; results: { type: 'return' | 'throw'; value: unknown }[] };
    mockReturnValue(value: R): this;
    mockReturnValueOnce(value: R): this;
    mockImplementation(fn: (...args: A) => R): this;
    mockImplementationOnce(fn: (...args: A) => R): this;
    mockResolvedValue(value: Awaited<R>): this;
    mockRejectedValue(value: unknown): this;
    mockClear(): this;
    mockReset(): this;
    mockRestore(): void;
  }
  interface Vi {
    fn<A extends unknown[] = unknown[], R = unknown>(impl?: (...args: A) => R): Mock<A, R>;
    spyOn<T extends object, K extends keyof T>(object: T, method: K): Mock;
    useFakeTimers(): Vi;
    useRealTimers(): Vi;
    advanceTimersByTime(ms: number): Vi;
    runAllTimers(): Vi;
    setSystemTime(time: number | string | Date): Vi;
    restoreAllMocks(): Vi;
    clearAllMocks(): Vi;
  }
  export const describe: SuiteApi;
  export const suite: SuiteApi;
  export const it: TestApi;
  export const test: TestApi;
  export const expect: ExpectStatic;
  export const vi: Vi;
  export function beforeEach(fn: TestFn): void;
  export function afterEach(fn: TestFn): void;
  export function beforeAll(fn: TestFn): void;
  export function afterAll(fn: TestFn): void;
}
`;
