import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    // Each test file: HOME, XDG and KIOSQUE_* folders in a fresh temporary folder; a React warning fails the test.
    setupFiles: ['tests/helpers/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
