import { describe, expect, it } from 'vitest';
import { addIntegration } from '../../../src/commands/integration/add.ts';
import { showPreview } from '../../../src/commands/sync/preview.ts';
import { requestSync } from '../../../src/commands/sync/request.ts';
import type { PreviewItem } from '../../../src/core/preview.ts';
import type { Store } from '../../../src/core/ports.ts';
import { presentRun } from '../../../src/presenters/run.ts';
import { plainText } from '../../../src/presenters/plain-text.ts';
import { testAccount } from '../../support/context.ts';
import { backends } from '../../support/databases.ts';
import { adInput } from '../../support/fixtures.ts';
import { useDatabase } from '../../support/suite.ts';

const person = (i: number): PreviewItem => ({ section: 'added', kind: null, name: `Person ${i}`, dn: `CN=Person ${i},OU=Staff,DC=corp,DC=example`, group: null });
const held = (i: number): PreviewItem => ({ section: 'held', kind: 'remove_membership', name: `Leaver ${i}`, dn: `CN=Leaver ${i},OU=Staff,DC=corp,DC=example`, group: 'Engineering' });

/** A finished run of `corp-ad` recorded as a worker records it, with these findings. */
async function finishedRun(store: Store, t: Awaited<ReturnType<typeof testAccount>>, dryRun: boolean, items: PreviewItem[]) {
  const { runs } = await requestSync({ ctx: t.as('operator'), input: { name: 'corp-ad', dryRun } });
  const id = runs[0]!.run;
  await store.runs.claim('w', 30_000, [id]);
  const summary = { applied: 0, held: items.filter((i) => i.section === 'held').length, awaitingApproval: 0, byKind: { applied: { remove_membership: 0, change_address_type: 0, delete_user: 0, purge_user: 0 }, held: { remove_membership: 25, change_address_type: 0, delete_user: 0, purge_user: 0 }, awaitingApproval: { remove_membership: 0, change_address_type: 0, delete_user: 0, purge_user: 0 } } };
  const counts = { users: { added: 1200, updated: 0, restored: 0, unchanged: 0 }, groups: { added: 0, updated: 0, restored: 0, unchanged: 3 }, memberships: { added: 0, updated: 0, restored: 0, unchanged: 9 }, skipped: 0 };
  await store.runs.finish(id, 'w', { status: 'succeeded', counts, destructive: summary, blockedBy: ['corp-old'], approvalRequestId: null, duplicates: [], failure: null, certificate: null, preview: dryRun ? items : null });
  return id;
}

describe.each(backends)('sync.preview ($name)', (backend) => {
  const db = useDatabase(backend);
  const setup = async () => {
    const t = await testAccount(db.store);
    await addIntegration({ ctx: t.as('admin'), input: adInput({ name: 'corp-ad' }) });
    return t;
  };
  const findings = [...Array.from({ length: 1200 }, (_, i) => person(i)), ...Array.from({ length: 25 }, (_, i) => held(i))];

  it('pages through one section, or gives the first of each; chat shows ten of each and how many more', async () => {
    const t = await setup();
    const id = await finishedRun(db.store, t, true, findings);
    const first = await showPreview({ ctx: t.as('viewer'), input: { run: `#${id}` } });
    expect(first).toMatchObject({ run: id, dryRun: true, integration: 'corp-ad' });
    expect(first.preview.totals).toEqual({ added: 1200, updated: 0, restored: 0, applied: 0, held: 25, awaiting_approval: 0 });
    expect(first.preview.items).toEqual([...findings.slice(0, 10), ...findings.slice(1200, 1210)]);
    const page = await showPreview({ ctx: t.as('viewer'), input: { run: id, section: 'added', offset: 1150, limit: 1000 } });
    expect(page.preview.items).toEqual(findings.slice(1150, 1200));

    const said = plainText(presentRun(first));
    expect(said).toContain(`Dry run #${id} of corp-ad succeeded`);
    expect(said).toContain('Users that would be added (1,200):');
    expect(said).toContain('  Person 9 (CN=Person 9,OU=Staff,DC=corp,DC=example)');
    expect(said).not.toContain('Person 10 ');
    expect(said).toContain('…and 1,190 more');
    expect(said).toContain('Destructive changes that would be held (25) — while corp-old is disabled or in error:');
    expect(said).toContain('  group removal: Leaver 0 (CN=Leaver 0,OU=Staff,DC=corp,DC=example) from Engineering');
    expect(said).toContain('…and 15 more');
    expect(said).not.toContain('applied');

    // A page further on counts what is left after it, and shows as many as asked for.
    const later = plainText(presentRun(await showPreview({ ctx: t.as('viewer'), input: { run: id, section: 'added', offset: 1180, limit: 15 } })));
    expect(later).toContain('  Person 1194 (CN=Person 1194,OU=Staff,DC=corp,DC=example)');
    expect(later).not.toContain('Person 1195 ');
    expect(later).toContain('…and 5 more');
    const last = plainText(presentRun(await showPreview({ ctx: t.as('viewer'), input: { run: id, section: 'added', offset: 1190 } })));
    expect(last).toContain('  Person 1199 (');
    expect(last).not.toContain('more');
  });

  it('refuses a real run, a bad section and a run that is not there', async () => {
    const t = await setup();
    const real = await finishedRun(db.store, t, false, []);
    await expect(showPreview({ ctx: t.as('viewer'), input: { run: real } })).rejects.toMatchObject({ code: 'failed_precondition', message: expect.stringContaining('is a sync, not a dry run') });
    await expect(showPreview({ ctx: t.as('viewer'), input: { run: real, section: 'everything' as never } })).rejects.toMatchObject({ code: 'validation' });
    await expect(showPreview({ ctx: t.as('viewer'), input: { run: 999_999 } })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('another account sees nothing of a dry run', async () => {
    const t = await setup();
    const id = await finishedRun(db.store, t, true, findings.slice(0, 3));
    const other = await testAccount(db.store);
    await expect(showPreview({ ctx: other.as('admin'), input: { run: id } })).rejects.toMatchObject({ code: 'not_found' });
  });
});
