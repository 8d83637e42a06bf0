// ESLint (flat config): the recommended JavaScript and typescript-eslint rules, plus the project's
// seams: src/core is pure TypeScript that the CLI and the unit tests load without VS Code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'cli/dist/**', 'cli/schemas/**', 'cli/l10n/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'schemas/**', '**/*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      // A `let` read by a closure before its one assignment (a timer armed later) stays a `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // `_name` marks a parameter or binding kept for its position or to drop it from a spread.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'src/core is pure TypeScript shared with the CLI: keep VS Code glue in src/features.' }] },
      ],
    },
  },
  {
    files: ['**/*.mjs', 'esbuild.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
);
