import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: [new URL('./vitest.setup.ts', import.meta.url).pathname],
    globalSetup: [new URL('./vitest.global-setup.ts', import.meta.url).pathname],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
