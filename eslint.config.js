import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'out/', 'coverage/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/artifact/**', 'src/registry/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@actions/core', '@actions/github', '@actions/exec', '@actions/io'],
              message: 'artifact/ and registry/ must not depend on GitHub glue.',
            },
            {
              group: ['../action/*', '../action', '../../action/*'],
              message: 'imports flow action -> registry -> artifact only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/artifact/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@actions/*'], message: 'artifact/ has no network and no GitHub.' },
            {
              group: ['../registry/*', '../registry', '../action/*', '../action'],
              message: 'artifact/ imports neither registry/ nor action/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Each action's folder is its own: shared glue sits above them in src/action/.
    files: ['src/action/push/**', 'src/action/pull/**', 'src/action/prune/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../push', '../push/*', '../pull', '../pull/*', '../prune', '../prune/*'],
              message:
                "an action's folder imports no other action's folder; move shared code up to src/action/.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/action/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['./push/*', './pull/*', './prune/*'],
              message: 'shared glue in src/action/ imports no action folder (they import it).',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
