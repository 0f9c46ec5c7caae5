import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/scim/**/*.test.ts', 'test/openapi/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/electron-unit/**/*.test.ts', 'test/reliability/**/*.test.ts', 'test/security/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
