import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FAILURE_REASONS } from '../src/core/failures.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('documents every failure class and reason', () => {
    const section = readme.slice(readme.indexOf('## Diagnosing a failing integration'), readme.indexOf('## HTTP'));
    for (const [cls, reasons] of Object.entries(FAILURE_REASONS)) {
      expect(section).toContain(`\`${cls}\``);
      for (const reason of reasons) expect(section, reason).toContain(`\`${reason}\``);
    }
  });
});
