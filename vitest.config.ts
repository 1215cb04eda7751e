import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real slapd and Samba AD DC once per run (test/harness), and a migrated PGlite template.
    globalSetup: ['test/harness/global-setup.ts', 'test/support/pglite-template.ts'],
    // A hang guard, not a speed check (speed is the bench's): generous, because tests that start
    // real processes and directories take several times longer on a loaded two-core machine.
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // Two cores: more workers only fight over the CPU with slapd, Samba and Postgres.
    maxWorkers: 2,
  },
});
