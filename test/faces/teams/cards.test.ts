import { describe, expect, it } from 'vitest';
import { BUTTONS } from '../../../src/presenters/buttons.ts';
import { updateAccount } from '../../../src/commands/account/update.ts';
import { updateIntegration } from '../../../src/commands/integration/update.ts';
import { describeSlapd } from '../../harness/directories.ts';
import { backends } from '../../support/databases.ts';
import { useDatabase } from '../../support/suite.ts';
import { addLab, syncNow } from '../../support/sync.ts';
import type { TeamsActivity } from '../../support/teams-connector.ts';
import { useTeamsHarnesses, type TeamsHarness } from '../../support/teams-harness.ts';
import { click, message, toBot, type Person } from '../../support/teams-requests.ts';

const ANN: Person = { aad: 'aad-ann-0001', name: 'Ann Admin' };
const BEN: Person = { aad: 'aad-ben-0005', name: 'Ben Admin' };
const OLA: Person = { aad: 'aad-ola-0002', name: 'Ola Operator' };
const CHANNEL = '19:ops@thread.tacv2';
const ALERTS = '19:alerts@thread.tacv2';

const says = (card: unknown) => JSON.stringify(card ?? null);
const actions = (a: TeamsActivity) => ((a.card?.actions ?? []) as { verb: string; data: { value: string } }[]).map((x) => [x.verb, x.data.value]);

describe.each(backends)('Teams cards: approvals and alerts ($name)', (backend) => {
  const db = useDatabase(backend);
  const { harness, directory } = useTeamsHarnesses(() => db.store);

  async function setup(opts: Parameters<typeof harness>[0] = {}) {
    const h = await harness({ workers: false, ...opts });
    const dir = await directory();
    await updateAccount({ ctx: h.as('admin'), input: { deletionThresholdPercent: 100 } });
    await addLab(h.as('admin'), dir.info);
    await syncNow(h.as('operator'), 'lab');
    for (const [p, role] of [[ANN, 'admin'], [BEN, 'admin'], [OLA, 'operator']] as const) await h.role(p.aad, role);
    return { ...h, dir };
  }
  const cardIn = (h: TeamsHarness, conversation: string, text: string) =>
    h.teams.waitFor(() => h.teams.topLevel(conversation).find((a) => says(a.card).includes(text)), 10_000, `a card saying ${text}`);

  describeSlapd('with a directory', () => {
    it('delete → the requester cannot approve → a second admin approves: deleted, the card replaced for everyone', async () => {
      const h = await setup();
      await toBot(h, message(h, ANN, 'delete lab'));
      const card = await cardIn(h, CHANNEL, 'Approve');
      const [approve, reject] = actions(card);
      expect(approve).toEqual([BUTTONS.approve.teams, expect.stringMatching(/^\d+$/)]);
      expect(reject).toEqual([BUTTONS.reject.teams, approve![1]]);

      const own = await toBot(h, click(h, ANN, BUTTONS.approve.teams, approve![1]!, card.id));
      expect(own).toMatchObject({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining('four-eyes') } });
      const operator = await toBot(h, click(h, OLA, BUTTONS.approve.teams, approve![1]!, card.id));
      expect(operator.body).toMatchObject({ value: expect.stringContaining('needs the admin role') });
      expect(await h.deps.store.integrations.findByName(h.account.id, 'lab')).not.toBeNull();
      expect(card.versions).toHaveLength(1);

      const decided = await toBot(h, click(h, BEN, BUTTONS.approve.teams, approve![1]!, card.id));
      expect(decided.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
      expect(says((decided.body as { value: unknown }).value)).toContain('Approved by Ben Admin');
      expect(((decided.body as { value: { actions?: unknown[] } }).value.actions ?? [])).toEqual([]);
      expect(await h.deps.store.integrations.findByName(h.account.id, 'lab')).toBeNull();
      // Everyone else sees the decided card too: the posted message is updated, and the thread says it.
      await h.teams.waitFor(() => says(card.card).includes('Approved by Ben Admin'), 10_000, 'the updated card');
      expect(actions(card)).toEqual([]);
      await h.teams.waitFor(() => h.teams.replies(card).some((r) => says(r.card).includes('Approved by Ben Admin')), 10_000, 'the thread reply');

      const late = await toBot(h, click(h, ANN, BUTTONS.reject.teams, approve![1]!, card.id));
      expect(late.body).toMatchObject({ value: expect.stringContaining('already approved') });
    });

    it('approve and reject as typed commands follow the same rules, and the card follows', async () => {
      const h = await setup();
      await toBot(h, message(h, OLA, 'delete lab'));
      const card = await cardIn(h, CHANNEL, 'Approve');
      const id = actions(card)[0]![1]!;
      await toBot(h, message(h, OLA, `approve #${id}`));
      const refused = h.teams.activities.filter((a) => a.conversation === CHANNEL).at(-1)!;
      expect(says(refused.card)).toContain('needs the admin role');
      await toBot(h, message(h, BEN, `reject ${id} keep it until the audit`));
      await h.teams.waitFor(() => says(card.card).includes('Rejected by Ben Admin'), 10_000, 'the rejected card');
      expect(says(card.card)).toContain('keep it until the audit');
      expect(actions(card)).toEqual([]);
      expect(await h.deps.store.integrations.findByName(h.account.id, 'lab')).not.toBeNull();
    });

    it('a failing run opens one alert card in the alert channel; a repeat updates it and replies; a good run resolves it', async () => {
      const h = await setup();
      await toBot(h, message(h, ANN, 'alerts here', { conversation: ALERTS }));
      await updateIntegration({ ctx: h.as('admin'), input: { name: 'lab', bindPassword: 'wrong-password' } });
      await syncNow(h.as('operator'), 'lab');
      const alert = await cardIn(h, ALERTS, 'invalid_credentials');
      expect(actions(alert)).toEqual([[BUTTONS.testNow.teams, 'lab'], [BUTTONS.syncNow.teams, 'lab']]);
      expect(says(alert.card)).toContain('password');

      await syncNow(h.as('operator'), 'lab');
      await h.teams.waitFor(() => h.teams.replies(alert).length === 1, 10_000, 'the repeat reply');
      expect(h.teams.topLevel(ALERTS).filter((a) => a.card && says(a.card).includes('credential'))).toHaveLength(1);
      expect(alert.versions.length).toBe(2);

      // Test now answers at once and posts the result under the alert.
      const tested = await toBot(h, click(h, OLA, BUTTONS.testNow.teams, 'lab', alert.id, { conversation: ALERTS }));
      expect(tested.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining('Testing lab') });
      await h.teams.waitFor(() => h.teams.replies(alert).some((r) => says(r.card).includes('bind')), 20_000, 'the test result under the alert');

      await updateIntegration({ ctx: h.as('admin'), input: { name: 'lab', bindPassword: h.dir.info.service.password } });
      await syncNow(h.as('operator'), 'lab');
      await h.teams.waitFor(() => says(alert.card).includes('Resolved'), 10_000, 'the resolved card');
      expect(actions(alert)).toEqual([]);
    });

    it('honours Retry-After when Teams throttles the alert conversation', async () => {
      const h = await setup();
      await toBot(h, message(h, ANN, 'alerts here', { conversation: ALERTS }));
      await updateIntegration({ ctx: h.as('admin'), input: { name: 'lab', bindPassword: 'wrong-password' } });
      h.teams.fail('POST', { status: 429, retryAfter: 2 });
      await syncNow(h.as('operator'), 'lab');
      const throttled = await h.teams.waitFor(() => h.teams.calls.find((c) => c.status === 429), 10_000, 'the 429');
      await cardIn(h, ALERTS, 'invalid_credentials');
      const posted = h.teams.calls.find((c) => c.method === 'POST' && c.status === 200 && c.path.includes(ALERTS) && c.at > throttled.at)!;
      expect(posted.at - throttled.at).toBeGreaterThanOrEqual(2_000);
    });
  });
});
