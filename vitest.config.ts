import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const alias = { gilsim: fileURLToPath(new URL('./src/sim/index.ts', import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/property/**/*.test.ts', 'tests/phenomena/**/*.test.ts', 'tests/content/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time: CI machines have two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
