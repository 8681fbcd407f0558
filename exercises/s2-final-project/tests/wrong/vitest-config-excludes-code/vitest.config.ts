// A learner's attempt to take the entity out of the coverage count and switch the thresholds off.
// It is not one of the files the exercise accepts, and the grader never reads a configuration of the
// learner's: src/task.ts is measured whatever this says.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    coverage: {
      provider: 'v8',
      include: ['src/task-service.ts'],
      exclude: ['src/task.ts', '**/*.ts'],
      thresholds: { lines: 0, branches: 0, functions: 0, statements: 0 },
    },
  },
});
