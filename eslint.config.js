import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

const overlayNotBridge = {
  regex: '(^|/)bridge/',
  message: 'overlay/ may not import bridge/: use protocol/ or test-support/.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'release/',
      'node_modules/',
      '.cache/',
      'test-artifacts/',
      'protocol/types.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['overlay/**/*.{ts,svelte}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // The page knows only the wire (protocol/); its tests and benches reach a bridge through
  // test-support/. The bridge in turn never reaches into the page's code.
  {
    files: ['overlay/**/*.{ts,js,svelte}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [overlayNotBridge],
        },
      ],
    },
  },
  // The browser tests work out what the page must show without the page's code, so its bugs fail
  // them. (This block's options replace the one above for these files: the bridge pattern again.)
  {
    files: ['overlay/**/*.browser.test.ts', 'test-support/expected-*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            overlayNotBridge,
            {
              regex: '(^|/)overlay/src/|^\\.\\.?/(src|lib)/',
              message:
                'expect written-out values or test-support/expected-*.ts, not the page code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bridge/**/*.{ts,js}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)overlay/', message: 'bridge/ may not import overlay/.' }] },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
);
