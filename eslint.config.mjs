import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // The core is the domain: it must not know about HTTP, IPC or Electron.
    files: ['src-main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['electron', 'fastify', '../scim/*', '../admin/*', '../electron/*', '**/server', '**/cli'] }],
    },
  },
  {
    // The renderer talks to the core only through the AdminApi contract.
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/src-main/core/**', '**/src-main/scim/**', '**/src-main/electron/**', 'better-sqlite3', 'electron', 'fastify', 'node:*'], message: 'The renderer reaches the core only through src-main/admin/contract.ts.' },
      ] }],
    },
  },
);
