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
    // The screen draws text only through src/ui/Text.tsx, which strips escape and control
    // sequences from every string: a component that imported Ink's own Text (or Transform,
    // which rewrites drawn text) could draw a hostile title raw.
    files: ['src/ui/**/*.{ts,tsx}'],
    ignores: ['src/ui/Text.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'ink',
              importNames: ['Text', 'Transform'],
              message: "Draw text with Text from './Text.js': it keeps escape sequences off the screen.",
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read what the command line prints with JSON.parse and assert its shape: `any` by nature.
    files: ['tests/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    // feedsmith's result differs per format (RSS, Atom, RDF, JSON Feed); the mapping reads it field by field,
    // every value through plain() / firstString() before use. Typing it is part of the forgiving feed reader.
    files: ['src/feeds/parse.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // bench/, build/, bin/ and this file are plain JavaScript: no types to lint them with.
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  prettier,
);
