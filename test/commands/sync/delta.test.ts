import { describe, expect, it } from 'vitest';
import { showIntegration } from '../../../src/commands/integration/show.ts';
import { updateIntegration } from '../../../src/commands/integration/update.ts';
import { requestSync } from '../../../src/commands/sync/request.ts';
import { TIMESTAMP_SKEW_MS } from '../../../src/core/delta.ts';
import { describeSlapd } from '../../harness/directories.ts';
import { backends } from '../../support/databases.ts';
import { failure } from '../../support/failure.ts';
import { useDatabase } from '../../support/suite.ts';
import { syncNow, useLab } from '../../support/sync.ts';

describe.each(backends.filter((b) => b.name === 'postgres'))('delta syncs ($name)', (backend) => {
  const db = useDatabase(backend);
  const setup = useLab(() => db.store);

  describeSlapd('against its own slapd', () => {
    it('reads in full first, then a delta by default; show gives the watermark and the last full read', async () => {
      const { as, admin, info } = await setup();
      // dirsync's clock ahead by the skew margin: the delta reads from the full read's real start.
      const ctx = { ...as('operator'), now: () => new Date(Date.now() + TIMESTAMP_SKEW_MS) };
      const first = await syncNow(ctx, 'lab');
      expect(first).toMatchObject({ status: 'succeeded', requestedMode: null, mode: 'full', fallbackReason: null, deltaMethod: null });
      const shown = await showIntegration({ ctx: as('viewer'), input: { name: 'lab' } });
      expect(shown.watermark).toMatchObject({ method: 'timestamp', current: true, lastFullAt: expect.any(String) });

      const quiet = await syncNow(ctx, 'lab');
      expect(quiet).toMatchObject({ status: 'succeeded', mode: 'delta', deltaMethod: 'timestamp', failure: null });
      // Zero changes is normal, not an empty read, and writes nothing.
      expect(quiet.counts!.users).toEqual({ added: 0, updated: 0, restored: 0, unchanged: info.users.length });
      expect(quiet.destructive).toMatchObject({ applied: 0, held: 0, awaitingApproval: 0 });

      const alice = info.users.find((u) => u.name === 'alice.archer')!;
      await admin.replace(alice.dn, 'displayName', ['Alice A. Archer']);
      const changed = await syncNow(ctx, 'lab', { mode: 'delta' });
      expect(changed).toMatchObject({ mode: 'delta', requestedMode: 'delta' });
      expect(changed.counts!.users).toMatchObject({ updated: 1, added: 0 });
      // The delta read the changed entry and the id lists, not every entry again.
      expect(changed.entriesRead).toBeLessThan(2 * (info.users.length + info.groups.length));
      const after = await showIntegration({ ctx: as('viewer'), input: { name: 'lab' } });
      expect(after.watermark!.lastFullAt).toBe(shown.watermark!.lastFullAt);
    });

    it('falls back to a full read, saying why, when the attribute map changed since the watermark', async () => {
      const { as } = await setup();
      await syncNow(as('operator'), 'lab');
      await updateIntegration({ ctx: as('admin'), input: { name: 'lab', attributes: { displayName: 'cn' } } });
      const run = await syncNow(as('operator'), 'lab', { mode: 'delta' });
      expect(run).toMatchObject({ status: 'succeeded', mode: 'full', fallbackReason: expect.stringMatching(/filters, base DNs, attribute map/) });
      expect((await showIntegration({ ctx: as('viewer'), input: { name: 'lab' } })).watermark).toMatchObject({ current: true });
    });

    it('refuses --full with --delta, and viewers', async () => {
      const { as } = await setup();
      expect((await failure(requestSync({ ctx: as('operator'), input: { name: 'lab', full: true, delta: true } }))).code).toBe('validation');
      expect((await failure(requestSync({ ctx: as('viewer'), input: { name: 'lab', delta: true } }))).code).toBe('forbidden');
    });
  });
});
