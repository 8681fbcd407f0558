// The grader benchmark module (scripts/bench/grader.ts) on a small budget: it measures for real
// (warm pool, cold vitest processes, a loaded pool) and reports figures that hang together. The
// targets themselves are not asserted here: the machine is shared while tests run.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchGrader, formatGraderBench, TARGETS } from '../../scripts/bench/grader.ts';

const root = join(import.meta.dirname, '../..');

describe('grader benchmark', () => {
  it('measures warm latency, a cold vitest run and throughput of the fx-sum fixture', async () => {
    const bench = await benchGrader(root, { exerciseId: 'fx-sum', samples: 5, coldRuns: 1, throughputSubmissions: 6, poolSize: 2 });
    // fx-sum is not under exercises/, so the module says it fell back to the fixture of that name
    expect(bench.exercise).toBe('fx-sum');
    expect(bench.note).toMatch(/fx-sum or its solution is missing; measured fx-sum instead/);
    expect(bench.warmP50Ms).toBeGreaterThan(0);
    expect(bench.warmP95Ms).toBeGreaterThanOrEqual(bench.warmP50Ms);
    expect(bench.coldVitestMs).toBeGreaterThan(bench.warmP50Ms);
    expect(bench.speedup).toBeCloseTo(bench.coldVitestMs / bench.warmP50Ms, 0);
    expect(bench.throughputPerSec).toBeGreaterThan(0);
    const text = formatGraderBench(bench);
    expect(text).toContain(`target ≤ ${TARGETS.warmP50Ms} ms`);
    expect(text).toContain(`target ≥ ${TARGETS.throughputPerSec}/s`);
  }, 120_000);
});
