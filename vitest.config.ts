// Project test configuration. Exercise suites (exercises/, solutions/) never run here:
// they are executed only through the sandboxed grader.
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { referenceAliases } from './src/server/content/reference-library.ts';

// each program's reference library under its specifier (program.json referenceLibrary; the platform's by default)
const alias = referenceAliases(fileURLToPath(new URL('.', import.meta.url)));

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        // astro:content exists only inside the Astro build: unit tests read the same collections from disk.
        resolve: { alias: { ...alias, 'astro:content': fileURLToPath(new URL('./tests/helpers/astro-content.ts', import.meta.url)) } },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'reference/**/*.test.ts'],
        },
      },
      {
        // Real sandboxed grading runs: each test spawns vitest slots, so a generous timeout.
        resolve: { alias },
        test: {
          name: 'grader',
          include: ['tests/grader/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/setup/build.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/setup/build.ts', 'tests/setup/screenshots.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
