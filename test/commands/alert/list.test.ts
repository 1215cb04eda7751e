import { describe, expect, it } from 'vitest';
import { addIntegration } from '../../../src/commands/integration/add.ts';
import { approveRequest } from '../../../src/commands/approval/decide.ts';
import { listAlerts } from '../../../src/commands/alert/list.ts';
import { requestDelete } from '../../../src/commands/integration/request-delete.ts';
import type { AlertDetail } from '../../../src/core/alerts.ts';
import { explainAlert } from '../../../src/presenters/alert-explanation.ts';
import { checklistFor, EXPLANATIONS } from '../../../src/core/failures.ts';
import { CERTIFICATE_CHECKLIST } from '../../../src/core/integration-warnings.ts';
import { emptyByKind } from '../../../src/core/sync.ts';
import { testAccount } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { failure as commandFailure } from '../../support/failure.ts';
import { adInput } from '../../support/fixtures.ts';
import { useDatabase } from '../../support/suite.ts';

const DAY = 86_400_000;
const now = new Date();

const failure: AlertDetail = {
  kind: 'failure',
  run: 41,
  failure: {
    class: 'credential',
    reason: 'invalid_credentials',
    stage: 'bind',
    message: EXPLANATIONS.invalid_credentials,
    diagnostic: '80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 52e, v4563',
    checklist: checklistFor('invalid_credentials'),
  },
};
const lingering: AlertDetail = {
  kind: 'lingering',
  lingering: { integration: 'corp-old', state: 'disabled', since: new Date(now.getTime() - 9 * DAY).toISOString(), hours: 216, blocks: { total: 37, byKind: { ...emptyByKind(), delete_user: 37 }, integrations: ['corp-ad', 'hq'] } },
};
const certificate: AlertDetail = {
  kind: 'certificate',
  certificate: { integration: 'corp-ad', subject: 'CN=dc1.corp.example', notAfter: new Date(now.getTime() + 12.5 * DAY).toISOString(), daysLeft: 12 },
  notifiedDaysLeft: 14,
};

describe.each(backends)('listAlerts ($name)', (backend) => {
  const db = useDatabase(backend);

  async function withAlerts() {
    const t = await testAccount(db.store);
    for (const name of ['corp-ad', 'corp-old']) await addIntegration({ ctx: t.as('admin'), input: adInput({ name }) });
    const id = async (name: string) => (await db.store.integrations.findByName(t.account.id, name))!.id;
    const insert = async (name: string, detail: AlertDetail) =>
      db.store.alerts.insert({ accountId: t.account.id, integrationId: await id(name), kind: detail.kind, class: detail.kind === 'failure' ? detail.failure.class : null, reason: detail.kind === 'failure' ? detail.failure.reason : null, detail, now });
    return { ...t, insert };
  }

  it('says for each alert what broke, why and what to check', async () => {
    const { as, insert } = await withAlerts();
    const f = await insert('corp-ad', failure);
    const l = await insert('corp-old', lingering);
    const c = await insert('corp-ad', certificate);
    const list = await listAlerts({ ctx: as('viewer'), input: {} });
    expect(list.open.map((a) => a.id)).toEqual([c.id, l.id, f.id]);
    expect(list).toMatchObject({ resolved: [], nextBeforeId: null });
    // The facts of each alert, and what the dashboard says about them.
    const [cert, linger, fail] = list.open.map((a) => ({ ...a, ...explainAlert(a, now) }));
    expect(fail).toMatchObject({
      integration: 'corp-ad',
      integrationDeleted: false,
      kind: 'failure',
      status: 'open',
      class: 'credential',
      reason: 'invalid_credentials',
      headline: 'corp-ad: credential failure (invalid_credentials)',
      explanation: [EXPLANATIONS.invalid_credentials],
      checklist: checklistFor('invalid_credentials'),
      count: 1,
      firstSeenAt: now.toISOString(),
      resolvedAt: null,
      detail: { run: 41, failure: { stage: 'bind', diagnostic: expect.stringContaining('data 52e') } },
    });
    expect(linger).toMatchObject({
      headline: 'corp-old has been disabled for 9 days and is blocking 37 destructive changes in 2 integrations',
      explanation: [expect.stringMatching(/every destructive change of every integration is held/)],
      checklist: [expect.stringMatching(/^Re-enable it/), expect.stringMatching(/^Delete it/)],
    });
    expect(cert).toMatchObject({
      headline: `The LDAPS certificate of corp-ad expires on ${certificate.certificate.notAfter.slice(0, 10)}`,
      explanation: [expect.stringContaining('CN=dc1.corp.example')],
      checklist: CERTIFICATE_CHECKLIST,
    });
  });

  it('lists resolved alerts with how they ended, paged, and keeps the name of a deleted integration', async () => {
    const { as, insert } = await withAlerts();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const alert = await insert('corp-ad', failure);
      await db.store.alerts.update(alert.id, { status: 'resolved', resolvedAt: now, resolution: `sync #${50 + i} succeeded` });
      ids.push(alert.id);
    }
    const l = await insert('corp-old', lingering);
    await db.store.alerts.update(l.id, { status: 'resolved', resolvedAt: new Date(now.getTime() - 2 * DAY), resolution: 'corp-old is enabled again' });
    const { request } = await requestDelete({ ctx: as('operator', 'olga'), input: { name: 'corp-old' } });
    await approveRequest({ ctx: as('admin', 'ada'), input: { id: request.id } });

    const first = await listAlerts({ ctx: as('viewer'), input: { status: 'resolved', limit: 2 } });
    expect(first.open).toEqual([]);
    expect(first.resolved.map((a) => [a.integration, a.integrationDeleted, explainAlert(a, now).headline, a.resolution])).toEqual([
      ['corp-old', true, 'corp-old was disabled for 7 days and blocked 37 destructive changes in 2 integrations', 'corp-old is enabled again'],
      ['corp-ad', false, 'corp-ad: credential failure (invalid_credentials)', 'sync #52 succeeded'],
    ]);
    expect(first.nextBeforeId).toBe(ids[2]);
    const rest = await listAlerts({ ctx: as('viewer'), input: { status: 'resolved', limit: 2, beforeId: first.nextBeforeId! } });
    expect(rest.resolved.map((a) => a.id)).toEqual([ids[1], ids[0]]);
    expect(rest.nextBeforeId).toBeNull();
  });

  it('rejects a bad status, limit or cursor as validation errors', async () => {
    const { as } = await testAccount(db.store);
    for (const input of [{ status: 'pending' }, { limit: 0 }, { limit: 201 }, { beforeId: 0 }]) {
      const error = await commandFailure(listAlerts({ ctx: as('viewer'), input: input as never }));
      expect(error.code).toBe('validation');
      expect(error.issues[0]!.field).toBe(Object.keys(input)[0]);
    }
  });

  it('is open to viewers and shows nothing of another account', async () => {
    const { as, insert } = await withAlerts();
    await insert('corp-ad', failure);
    expect((await listAlerts({ ctx: as('viewer'), input: { status: 'open' } })).open).toHaveLength(1);
    const other = await testAccount(db.store);
    expect(await listAlerts({ ctx: other.as('viewer'), input: {} })).toEqual({ open: [], resolved: [], nextBeforeId: null });
  });
});
