import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'build/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@actions/core'],
              message:
                'Domain modules take a Reporter; only src/actions and src/report/actions-reporter may import @actions/core.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/actions/**', 'src/report/actions-reporter.ts', 'test/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
