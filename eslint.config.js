import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const manifest = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
/** What the packaged app ships (electron-builder copies only `dependencies`), so what code that runs in it may import. */
const RUNTIME_PACKAGES = Object.keys(manifest.dependencies);
const DECLARED_PACKAGES = [...RUNTIME_PACKAGES, ...Object.keys(manifest.devDependencies)];

/**
 * How an import names each part of the tree, and each kind of outside code. A part is known by
 * its folder's name in a relative import (`../../renderer/src/api`, `../main/window`), so no
 * folder inside a part may be named after another part (tests/setup/lint-rules.test.ts checks).
 * `no-restricted-imports` does not see dynamic `import()` (the tree has one: keytar, in the core).
 */
const relative = (tail) => `^(?:\\./|(?:\\.\\./)+)(?:${tail})`;
const escape = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));
const TARGETS = {
  shared: { what: 'shared/', spelled: relative('shared(?:/|$)') },
  core: { what: 'the core (electron/ outside main/ and preload/)', spelled: relative('electron(?:$|/(?!(?:main|preload)(?:/|$)))') },
  shell: { what: 'the shell (electron/main/, electron/preload/)', spelled: relative('(?:electron/)?(?:main|preload)(?:/|$)') },
  renderer: { what: 'renderer/', spelled: relative('renderer(?:/|$)') },
  bench: { what: 'bench/', spelled: relative('bench(?:/|$)') },
  tests: { what: 'tests/', spelled: relative('tests(?:/|$)') },
  scripts: { what: 'scripts/', spelled: relative('scripts(?:/|$)') },
  node: { what: "Node's built-in modules", spelled: `^(?:node:.+|(?:${NODE_BUILTINS.map(escape).join('|')})(?:/.*)?)$` },
  electron: { what: 'the electron package', spelled: '^electron(?:/.*)?$' },
};

/**
 * The allow-list: what each part may import (as VS Code's layering rule does). Anything not
 * listed is forbidden, so a new kind of import fails until someone decides it belongs here.
 * `packages` are the npm packages the part may import; ARCHITECTURE.md explains the parts.
 */
const LAYERS = {
  shared: {
    name: 'shared/',
    files: ['shared/**/*.ts'],
    may: ['shared'],
    packages: ['zod'],
    why: 'shared/ runs in main and in the page: no Electron, Node or DOM APIs, and nothing from the app parts.',
  },
  core: {
    name: 'The core',
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    may: ['core', 'shared', 'node'],
    packages: RUNTIME_PACKAGES,
    why: 'The CLI, the worker and the tests run the core without Electron or a window; bench/ and tests/ do not ship.',
  },
  shell: {
    name: 'The shell',
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    may: ['shell', 'core', 'shared', 'node', 'electron'],
    packages: RUNTIME_PACKAGES,
    why: 'The shell wires the core to a window; the page is its own bundle, reached over IPC.',
  },
  renderer: {
    name: 'renderer/',
    files: ['renderer/**/*.{ts,tsx}'],
    may: ['renderer', 'shared'],
    packages: ['react', 'react-dom', 'recharts', 'luxon', 'zod', '@tanstack/react-table', '@tanstack/react-virtual'],
    why: 'The page has no Node or Electron and reaches main only through window.api.',
  },
  bench: {
    name: 'bench/',
    files: ['bench/**/*.ts'],
    may: ['bench', 'core', 'shared', 'node'],
    packages: RUNTIME_PACKAGES,
    why: 'The bench measures the core as the CLI runs it, without Electron or a window.',
  },
  tests: {
    name: 'tests/',
    files: ['tests/**/*.{ts,js,mjs}'],
    may: ['tests', 'shared', 'core', 'shell', 'renderer', 'bench', 'scripts', 'node', 'electron'],
    packages: DECLARED_PACKAGES,
    why: 'Tests may import every part, but only packages package.json declares (a transitive one vanishes with its parent).',
  },
  scripts: {
    name: 'scripts/',
    files: ['scripts/**/*.{js,mjs}'],
    may: ['scripts', 'node'],
    packages: [],
    why: 'scripts/ run before npm install (check-node.js is the preinstall) on any Node: built-ins only.',
  },
};

/** `no-restricted-imports` patterns for one part: every target it may not import, and any package it does not list. */
function forbiddenFor({ name, may, packages, why }) {
  const allowed = `${name} may import ${may.map((target) => TARGETS[target].what).join(', ')}`;
  const patterns = Object.entries(TARGETS)
    .filter(([target]) => !may.includes(target))
    .map(([, { what, spelled }]) => ({ regex: spelled, caseSensitive: true, message: `${allowed}; not ${what}. ${why}` }));
  const known = [...packages, ...NODE_BUILTINS, 'electron'].map((pkg) => `${escape(pkg)}(?:/|$)`);
  patterns.push({
    regex: `^(?![./])(?!node:)(?!(?:${known.join('|')})).+`,
    caseSensitive: true,
    message: `${name} may import ${packages.length ? `only these packages: ${packages.join(', ')}` : 'no npm package'}. ${why}`,
  });
  return patterns;
}

export default tseslint.config(
  { ignores: ['out/**', 'release/**', 'node_modules/**', '.ci/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-restricted-properties': ['error', { object: 'shell', property: 'openExternal', message: 'Use safeOpenExternal (http/https only).' }],
    },
  },
  ...Object.values(LAYERS).map((layer) => ({
    files: layer.files,
    ...(layer.ignores ? { ignores: layer.ignores } : {}),
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: forbiddenFor(layer) }] },
  })),
  {
    // Type-aware rules: a promise nobody awaits loses its error (and, across IPC, its answer);
    // a switch over a union must name every member, so adding one is a compile-time to-do list.
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
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
