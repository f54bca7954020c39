// ESLint flat config: typescript-eslint with type information, the React hooks rules,
// and eslint-config-prettier last so that no rule argues with the formatter.
// `npm run lint` runs this and `prettier --check .`; `npm run format` fixes what both can.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier/flat';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['dist/', 'coverage/', '.bench-cache/']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        // tsconfig.json compiles src/ alone; tsconfig.eslint.json adds tests/ and the root .ts files.
        project: './tsconfig.eslint.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A terminal reader strips escape and control characters on purpose: its regexes name them.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      // An error, not a warning: an effect that means to run once, or on fewer
      // dependencies, says so with an eslint-disable-next-line comment and its reason.
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // bench/, build/, bin/ and this file are plain JavaScript: no types to lint them with.
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  prettier,
);
