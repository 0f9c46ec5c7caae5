import path from 'node:path';
import { defineConfig } from '@playwright/test';

// The desktop app under Playwright's Electron driver. Separate from playwright.config.ts (the browser suite
// against the headless server) because it needs the Electron runtime, which not every machine has:
// without it the suite is skipped and says why.
export default defineConfig({
  testDir: path.join(__dirname),
  testMatch: '**/*.spec.ts',
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: path.join(__dirname, '..', '..', 'test-results', 'electron'),
});
