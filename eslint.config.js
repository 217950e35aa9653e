import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'stream', 'worker_threads'];

/** The four parts and what each may import (see ARCHITECTURE.md). */
const layerRules = {
  contract: {
    files: ['shared/**/*.ts'],
    patterns: [
      { group: ['electron', ...nodeBuiltins], message: 'shared/ runs in main and in the page: no Electron or Node APIs.' },
      { group: ['react', 'react-dom', '**/electron/**', '**/renderer/**'], message: 'shared/ imports nothing from the app parts.' },
    ],
  },
  core: {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    patterns: [
      { group: ['electron'], message: 'The core never imports electron, so the CLI and tests run without it.' },
      { group: ['**/renderer/**', '**/main/**', '**/preload/**'], message: 'The core does not depend on the shell or the page.' },
    ],
  },
  renderer: {
    files: ['renderer/**/*.{ts,tsx}'],
    patterns: [
      { group: ['electron', ...nodeBuiltins], message: 'The page has no Node or Electron: talk to main through window.api.' },
      { group: ['**/electron/**'], message: 'The renderer reaches main only through window.api.' },
    ],
  },
};

export default tseslint.config(
  { ignores: ['out/**', 'release/**', 'node_modules/**', '.ci/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-restricted-properties': [
        'error',
        { object: 'shell', property: 'openExternal', message: 'Use safeOpenExternal (http/https only).' },
      ],
    },
  },
  ...Object.values(layerRules).map(({ files, ignores, patterns }) => ({
    files,
    ...(ignores ? { ignores } : {}),
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
  })),
  {
    // In a test, a wrong `!` fails the test, which is what it should do.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
