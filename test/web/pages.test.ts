import { describe, expect, it } from 'vitest';
import type { RunView } from '../../src/commands/sync/internal/run-view.ts';
import { overtakenBy } from '../../web/integration-page.tsx';
import { auditFields } from '../../web/lists-pages.tsx';

const run = (id: number, status: RunView['status'], finishedAt: string | null) => ({ run: id, status, finishedAt }) as RunView;

describe('the integration page', () => {
  const failed = { ok: false, testedAt: '2026-11-20T08:00:00.000Z' };
  it('treats a failed test as history once a sync succeeded after it', () => {
    // History comes newest first.
    const runs = [run(3, 'failed', '2026-11-20T10:00:00.000Z'), run(2, 'succeeded', '2026-11-20T09:00:00.000Z'), run(1, 'succeeded', '2026-11-20T07:00:00.000Z')];
    expect(overtakenBy(failed, runs)?.run).toBe(2);
  });
  it('keeps it the headline when no sync succeeded since, or when it passed', () => {
    expect(overtakenBy(failed, [run(2, 'failed', '2026-11-20T09:00:00.000Z'), run(1, 'succeeded', '2026-11-20T07:00:00.000Z')])).toBeNull();
    expect(overtakenBy(failed, [run(2, 'running', null)])).toBeNull();
    expect(overtakenBy({ ...failed, ok: true }, [run(2, 'succeeded', '2026-11-20T09:00:00.000Z')])).toBeNull();
    expect(overtakenBy(null, [])).toBeNull();
  });
});

describe('the audit log', () => {
  it('shows a detail as readable fields, nested ones under their parent, empty ones left out; never raw JSON', () => {
    const fields = auditFields({ run: 12, status: 'failed', acceptDrop: false, worker: 'system:worker', destructive: null, failure: { class: 'credential', reason: 'invalid_credentials', stage: 'bind' }, blockedBy: ['lab', 'hq'], fields: [] });
    expect(fields).toEqual([
      ['run', '12'],
      ['status', 'failed'],
      ['accept drop', 'no'],
      ['worker', 'system:worker'],
      ['failure class', 'credential'],
      ['failure reason', 'invalid_credentials'],
      ['failure stage', 'bind'],
      ['blocked by', 'lab, hq'],
    ]);
    expect(auditFields({})).toEqual([]);
  });
});
