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
  // The layers, bottom up: src/core (pure TypeScript), then src/simulator, src/cli and src/features on
  // top of it, then the entries (src/extension.ts, src/cli.ts, src/runner-bundle.ts) that put them together.
  // A layer imports only from below. (Flat config replaces a rule's options per file rather than merging
  // them, so each group of files states its whole list here.)
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core is pure TypeScript shared with the CLI: keep VS Code glue in src/features.' }],
          patterns: [
            {
              group: ['**/features', '**/features/**', '**/cli', '**/cli/**', '**/simulator', '**/simulator/**', '**/extension', '**/runner-bundle'],
              message: 'src/core is the bottom layer: it imports nothing from features, the CLI, the simulator or the entries (pass what it needs in).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'src/cli.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The CLI runs without VS Code: use src/core.' }],
          patterns: [
            {
              group: ['**/features', '**/features/**', '**/extension'],
              message: 'The CLI runs without VS Code: move what it shares with a feature into src/core.',
            },
          ],
        },
      ],
    },
  },
  {
    // Models, HTML renderers and step machines under src/features are pure, so unit tests (and the
    // on-demand bundles) load them without VS Code: the name says so, and the rule keeps it true.
    files: ['src/features/**/*-model.ts', 'src/features/**/*-html.ts', 'src/features/**/*-flow.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'A *-model, *-html or *-flow module is pure: the VS Code side passes in what it needs.' }],
        },
      ],
    },
  },
  {
    // Small functions a reader takes in at once (the team's guide: ~80 lines at most).
    files: ['src/features/**/*.ts', 'src/cli/**/*.ts', 'src/cli.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['**/*.mjs', 'esbuild.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
);
