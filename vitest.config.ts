import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    reporters: ['default', './test/reporters/summaryLine.ts'],
    // Rendering through LibreOffice takes a few seconds per document.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
