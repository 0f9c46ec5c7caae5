import { defineConfig } from '@playwright/test';

// Debian's Chromium: Playwright's own browser download is unreachable on these machines.
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/e2e/global-setup.ts',
  // Each test starts its own server child process over its own tenant file; two at a time suits two cores.
  workers: 2,
  fullyParallel: true,
  // A slow machine (two cores under load) makes a test slower, not wrong. Every wait is web-first and ends as soon
  // as its condition holds, so generous limits cost nothing on a fast machine and keep a loaded one from failing.
  timeout: 240_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    viewport: { width: 1440, height: 900 },
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
