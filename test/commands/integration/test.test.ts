import { describe, expect, it } from 'vitest';
import { addIntegration } from '../../../src/commands/integration/add.ts';
import { disableIntegration } from '../../../src/commands/integration/disable.ts';
import { testIntegration } from '../../../src/commands/integration/test.ts';
import type { ProgressEvent } from '../../../src/core/progress.ts';
import { describeSlapd, slapdInfo } from '../../harness/directories.ts';
import { testAccount } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { failure } from '../../support/failure.ts';
import { useDatabase } from '../../support/suite.ts';

describe.each(backends)('testIntegration ($name)', (backend) => {
  const db = useDatabase(backend);

  async function lab(overrides: Record<string, unknown> = {}) {
    const info = slapdInfo();
    const t = await testAccount(db.store);
    const input = {
      name: 'lab', kind: 'openldap' as const, urls: [info.url], tlsMode: 'none' as const,
      bindDn: info.service.dn, bindPassword: info.service.password, baseDns: [info.baseDn], ...overrides,
    };
    await addIntegration({ ctx: t.as('admin'), input });
    return { ...t, info };
  }
  const stored = async (accountId: string) => {
    const row = (await db.store.integrations.findByName(accountId, 'lab'))!;
    return { row, test: await db.store.tests.latest(row.id) };
  };

  describeSlapd('against slapd', () => {
    it('an operator tests: stages reported as they finish, result stored without the password, audited', async () => {
      const { as, account, info } = await lab();
      const events: ProgressEvent[] = [];
      const report = await testIntegration({ ctx: { ...as('operator'), progress: (e) => events.push(e) }, input: { name: 'lab' } });
      expect(report).toMatchObject({ integration: 'lab', ok: true, failure: null, certificate: null });
      expect(events.map((e) => (e.type === 'test.stage' ? e.stage.name : null))).toEqual(report.stages.map((s) => s.name));
      const { test } = await stored(account.id);
      expect(test).toMatchObject({ ok: true, actor: 'cli:operator-user', failureClass: null, report });
      expect(JSON.stringify(test)).not.toContain(info.service.password);
      const [audit] = await db.store.audit.list({ accountId: account.id, limit: 1 });
      expect(audit).toMatchObject({ action: 'integration.test', target: 'lab', outcome: 'ok', detail: { ok: true, failure: null } });
    });

    it('a failure moves the integration to error; the next pass moves it back', async () => {
      const { as, account, info } = await lab({ bindPassword: 'wrong-password' });
      const failed = await testIntegration({ ctx: as('operator'), input: { name: 'lab' } });
      expect(failed.failure).toMatchObject({ class: 'credential', reason: 'invalid_credentials' });
      let { row, test } = await stored(account.id);
      expect(row).toMatchObject({ state: 'error', stateReason: 'test failed at bind: credential/invalid_credentials' });
      expect(test).toMatchObject({ ok: false, failureClass: 'credential', failureReason: 'invalid_credentials' });
      const [audit] = await db.store.audit.list({ accountId: account.id, limit: 1 });
      expect(audit).toMatchObject({ outcome: 'failed' });
      expect(audit!.detail).toEqual({ ok: false, failure: { class: 'credential', reason: 'invalid_credentials', stage: 'bind' } });
      await db.store.integrations.update(row.id, { bindPasswordSealed: await as('admin').secrets.seal(info.service.password, `integration:${row.id}:bindPassword`) }, new Date());
      expect((await testIntegration({ ctx: as('operator'), input: { name: 'lab' } })).ok).toBe(true);
      ({ row, test } = await stored(account.id));
      expect(row).toMatchObject({ state: 'enabled', stateReason: null });
      expect(test!.ok).toBe(true);
    });

    it('a disabled integration stays disabled, whatever the result', async () => {
      const { as, account } = await lab({ bindPassword: 'wrong-password' });
      await disableIntegration({ ctx: as('operator'), input: { name: 'lab' } });
      await testIntegration({ ctx: as('operator'), input: { name: 'lab' } });
      expect((await stored(account.id)).row.state).toBe('disabled');
    });

    it('a directory_data finding (no users) is reported but does not put the integration in error', async () => {
      const { as, account } = await lab({ userFilter: '(uid=nobody)' });
      const report = await testIntegration({ ctx: as('operator'), input: { name: 'lab' } });
      expect(report.failure).toMatchObject({ class: 'directory_data', reason: 'empty_result' });
      expect((await stored(account.id)).row.state).toBe('enabled');
    });

    it('the sample size bounds the users read', async () => {
      const { as } = await lab();
      const report = await testIntegration({ ctx: as('operator'), input: { name: 'lab', sampleSize: 3 } });
      expect(report.stages.find((s) => s.name === 'search')!.detail).toMatch(/^3\+ users/);
    });
  });

  it('fails with not_found (and the closest names) or validation, touching nothing', async () => {
    const { as } = await testAccount(db.store);
    await addIntegration({ ctx: as('admin'), input: { name: 'lab', kind: 'openldap', urls: ['ldap://127.0.0.1:1'], tlsMode: 'none', bindDn: 'cn=x,dc=y', bindPassword: 'pw1', baseDns: ['dc=y'] } });
    const missing = await failure(testIntegration({ ctx: as('operator'), input: { name: 'labb' } }));
    expect(missing).toMatchObject({ code: 'not_found', message: expect.stringContaining('Did you mean lab?') });
    expect((await failure(testIntegration({ ctx: as('operator'), input: { name: 'lab', sampleSize: 5000 } }))).issues[0]!.field).toBe('sampleSize');
  });

  it('forbids a viewer, without contacting the directory', async () => {
    const { as, account } = await testAccount(db.store);
    await addIntegration({ ctx: as('admin'), input: { name: 'lab', kind: 'openldap', urls: ['ldap://127.0.0.1:1'], tlsMode: 'none', bindDn: 'cn=x,dc=y', bindPassword: 'pw1', baseDns: ['dc=y'] } });
    expect((await failure(testIntegration({ ctx: as('viewer'), input: { name: 'lab' } }))).code).toBe('forbidden');
    expect(await db.store.tests.latest((await db.store.integrations.findByName(account.id, 'lab'))!.id)).toBeNull();
  });
});
