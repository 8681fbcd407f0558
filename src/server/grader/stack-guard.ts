// Inside a sandboxed grading run, no stack trace shows a frame of the exercise's own code (the
// files under starter/ other than test files): not the `.stack` text of an error, nor the CallSite
// objects a custom Error.prepareStackTrace receives. A write-tests exercise's control copy has the
// real implementation's statements on other lines, but not in other columns, and a mutant changes
// columns on the lines it edits: tried, a learner test that only compared the column at which
// Project.fromRecord reads the stored record "caught" the mutant that accepts timestamps without a
// zone, passed the control, and earned the pass without ever testing a naive timestamp. With the
// frames gone, what the code under test does is all a test can observe of it.
// Residual, noted: Error.stackTraceLimit still caps the frames V8 collects before they are hidden,
// so a test can learn how many hidden frames sit on top of its own (the depth of a call, which
// only changes when the behaviour does too).
// Node formats every stack through the global Error.prepareStackTrace when one is set, so that
// property becomes an accessor: whatever function vitest, vite or a test installs is stored, and
// the one handed out filters the trace before calling it. Installed by fork-guard.ts.

type CallSiteLike = { getFileName(): string | null | undefined };
type Prepare = (error: Error, trace: CallSiteLike[]) => unknown;
type Settable = { prepareStackTrace?: unknown };

const CODE_UNDER_TEST = /\/starter\/(?![^]*\.test\.[cm]?[jt]s$)/;

/** Whether a frame belongs to the exercise's own code, whose layout differs between copies. */
export function isHiddenFrame(fileName: string | null | undefined): boolean {
  return typeof fileName === 'string' && CODE_UNDER_TEST.test(fileName.replaceAll('\\', '/'));
}

/**
 * The prototype V8 gives CallSite objects. Frozen here, since the filter below asks each site for
 * its file name: a test that got hold of one site could otherwise make every frame look visible.
 */
function callSitePrototype(): { getFileName: () => unknown } {
  const errorCtor = Error as unknown as Settable;
  const saved = Object.getOwnPropertyDescriptor(Error, 'prepareStackTrace');
  errorCtor.prepareStackTrace = (_error: unknown, trace: unknown) => trace;
  try {
    const site = (new Error('call site sample') as unknown as { stack: object[] }).stack[0];
    if (site === undefined) throw new Error('no call site to guard');
    return Object.getPrototypeOf(site) as { getFileName: () => unknown };
  } finally {
    if (saved) Object.defineProperty(Error, 'prepareStackTrace', saved);
    else delete errorCtor.prepareStackTrace;
  }
}

export function hideCodeUnderTestFrames(): void {
  const describeOwn = Object.getOwnPropertyDescriptor;
  const toText = Error.prototype.toString;
  const apply = Reflect.apply;
  const filter = Array.prototype.filter;
  const join = Array.prototype.join;
  const siteProto = callSitePrototype();
  const fileNameOf = siteProto.getFileName;
  Object.freeze(siteProto);
  const wrappers = new WeakMap<Prepare, Prepare>();
  const originals = new WeakMap<Prepare, Prepare | undefined>();
  let current: Prepare | undefined = typeof Error.prepareStackTrace === 'function' ? (Error.prepareStackTrace as unknown as Prepare) : undefined;

  const visible = (trace: CallSiteLike[]): CallSiteLike[] =>
    apply(filter, trace, [(site: CallSiteLike) => !isHiddenFrame(apply(fileNameOf, site, []) as string | null | undefined)]) as CallSiteLike[];
  /** Node's own format, for when nothing else is installed. */
  const plain: Prepare = (error, trace) => {
    let head: string;
    try {
      head = apply(toText, error, []) as string;
    } catch {
      head = 'Error';
    }
    return trace.length === 0 ? head : `${head}\n    at ${apply(join, trace, ['\n    at ']) as string}`;
  };
  const wrapperFor = (fn: Prepare | undefined): Prepare => {
    const target = fn ?? plain;
    let wrapper = wrappers.get(target);
    if (!wrapper) {
      // frozen: anything a test could hang on it would reach every later reader of the property
      const made: Prepare = Object.freeze((error: Error, trace: CallSiteLike[]) => target(error, visible(trace)));
      wrapper = made;
      wrappers.set(target, made);
      originals.set(made, fn);
    }
    return wrapper;
  };

  const before = describeOwn(Error, 'prepareStackTrace');
  if (before && !before.configurable) throw new Error('Error.prepareStackTrace cannot be guarded: it is not configurable');
  Object.defineProperty(Error, 'prepareStackTrace', {
    get: () => wrapperFor(current),
    set(value: unknown) {
      // a wrapper read back (vitest saves and restores the property) stands for what it wraps
      if (typeof value === 'function' && originals.has(value as Prepare)) current = originals.get(value as Prepare);
      else current = typeof value === 'function' ? (value as Prepare) : undefined;
    },
    enumerable: false,
    configurable: false,
  });
}
