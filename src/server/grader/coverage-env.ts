// How the grader tells a coverage run's child to probe (coverage-probe.ts): the variable of its
// environment and its node options. Apart so the main process names them without importing vitest's
// runtime, which the probe needs.
/** A random key per run: the task-meta field the probe writes the coverage to. */
export const COVERAGE_KEY_ENV = 'PRACTICUM_COVERAGE_KEY';
/** Node options of a coverage run's child: the inspector the probe needs, and no debugger woken by a signal. */
export const COVERAGE_EXEC_ARGV: readonly string[] = ['--allow-inspector', '--disable-sigusr1'];
