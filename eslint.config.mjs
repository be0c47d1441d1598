import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { layersPlugin } from './eslint/layers.mjs';

const noHtmlSinks = [
  { object: 'document', property: 'write', message: 'Render with textContent / createElement only.' },
  { object: 'document', property: 'writeln', message: 'Render with textContent / createElement only.' },
  { property: 'innerHTML', message: 'Results are attacker-controlled: use textContent.' },
  { property: 'outerHTML', message: 'Results are attacker-controlled: use textContent.' },
  { property: 'insertAdjacentHTML', message: 'Results are attacker-controlled: use createElement.' },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'out-webview/', '.vscode-test/', 'test-output/', 'dist-vsix/', 'bench/results/', 'bench/data/', 'sample-data/'] },
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
    // What each folder of src/ may import: the drawing in docs/ARCHITECTURE.md.
    files: ['src/**/*.ts'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/allowed-imports': ['error', { srcRoot: `${import.meta.dirname}/src` }] },
  },
  {
    // Type-aware rules for the shipped code: a dropped promise is a lost error or an unawaited write.
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { project: ['./tsconfig.json', './tsconfig.webview.json'], tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-properties': ['error', ...noHtmlSinks],
      'no-restricted-syntax': ['error',
        { selector: "AssignmentExpression[left.property.name='innerHTML']", message: 'Use textContent.' },
        { selector: "AssignmentExpression[left.property.name='outerHTML']", message: 'Use textContent.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Use createElement.' },
        { selector: "CallExpression[callee.object.name='document'][callee.property.name=/^write(ln)?$/]", message: 'No document.write.' },
      ],
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only src/vscode/ may import vscode.' }] }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/vscode/**', 'src/extension.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only src/vscode/ may import vscode.' }] }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
);
