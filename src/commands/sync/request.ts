import { z } from 'zod';
import type { ReadMode } from '../../core/delta.ts';
import type { Placeholder } from '../../core/command-grammar.ts';
import { CommandError } from '../../core/errors.ts';
import { actorKey, hasRole } from '../../core/roles.ts';
import type { RunTrigger } from '../../core/sync.ts';
import { auditEntry, defineCommand } from '../define-command.ts';
import { IntegrationName } from '../integration/internal/input.ts';
import { loadIntegration } from '../internal/load.ts';
import { NAME } from '../internal/words.ts';
import { presentSync } from '../../presenters/integrations.ts';

/** `--dry-run` on the CLI, the word `dry-run` in chat: either says preview. */
const DryRun = z.union([z.boolean(), z.literal('dry-run')]).optional().transform((v) => v === true || v === 'dry-run');

export const RequestSyncInput = z.union([
  z.object({ name: IntegrationName, acceptDrop: z.boolean().default(false), full: z.boolean().default(false), delta: z.boolean().default(false), dryRun: DryRun }),
  z.object({ all: z.literal(true) }),
]);

const SYNC_DETAILS = [
  'Reads the directory and brings Postgres in line: a delta (only what changed since the last read)',
  'when a valid watermark exists, else the whole directory; --full or --delta chooses.',
  'New and changed objects are applied at',
  'once; removals, address-type changes and deletions go through the gate: held while any',
  'integration of the account is disabled or in error, waiting for approval above the deletion',
  'threshold, else applied. A request for an integration with a run queued or running joins it.',
  'The CLI runs the sync itself unless a server\'s worker has already taken it, then follows it.',
  'A progress bar is drawn on stderr when it is a terminal.',
  '',
  'With --dry-run (in chat: sync <name> dry-run) the sync is a preview: it reads and diffs as a',
  'real run, then keeps nothing but its record: the users that would be added, updated or',
  'restored, and the destructive changes that would be applied, held (and by whom) or sent for',
  'approval, by name and DN. No alert, no approval request. A preview and a sync may run side by',
  'side; each joins only its own kind.',
  '',
  'Exit codes: 0 every run succeeded, 1 a run failed or did not finish, 2 bad input.',
].join('\n');

const DRY_RUN_WORD: Placeholder = { key: 'dryRun', name: 'dry-run', what: 'the word dry-run', example: 'dry-run', optional: true, oneOf: ['dry-run'] };

const runsOf = ({ runs }: { runs: RequestedRun[] }) => runs.map((r) => r.run);

export interface RequestedRun {
  integration: string;
  run: number;
  /** True when a run was already queued or running for the integration: this request joined it. */
  joined: boolean;
  /** A preview that changes nothing. */
  dryRun: boolean;
}

/**
 * Queues a sync of one integration (manual) or of every enabled one (Sync All). Workers run it;
 * a request for an integration with a run queued or running joins that run.
 */
export const requestSync = defineCommand({
  name: 'sync.request',
  summary: 'Requesting a sync',
  minRole: 'operator',
  audited: true,
  input: RequestSyncInput,
  face: [
    {
      words: 'sync',
      args: [NAME, DRY_RUN_WORD],
      options: [
        { key: 'acceptDrop', name: 'accept-drop', kind: 'flag', help: '(admin) let a read with far fewer users than the last good sync proceed; its removals still wait for approval by another admin' },
        { key: 'full', name: 'full', kind: 'flag', help: 'read the whole directory (default: a delta when a valid watermark exists)' },
        { key: 'delta', name: 'delta', kind: 'flag', help: 'read only what changed since the last read; a full read runs instead when no valid watermark exists, and the run says why' },
        { key: 'dryRun', name: 'dry-run', kind: 'flag', help: 'preview: read and diff, list what would change by name, change nothing' },
      ],
      summary: 'Sync now, with progress',
      details: SYNC_DETAILS,
      faces: ['cli', 'chat', 'dashboard'],
      inChannel: true,
      menu: 4,
      present: (requested) => presentSync({ ...requested, all: false }),
      follow: runsOf,
    },
    {
      words: 'sync all',
      fixed: { all: true },
      summary: 'Sync every integration that is not disabled',
      details: SYNC_DETAILS,
      faces: ['cli', 'chat', 'dashboard'],
      inChannel: true,
      present: (requested) => presentSync({ ...requested, all: true }),
      follow: runsOf,
    },
  ],
  async run({ ctx, input }): Promise<{ runs: RequestedRun[] }> {
    const acceptDrop = 'name' in input && input.acceptDrop;
    if ('name' in input && input.full && input.delta) throw new CommandError('validation', 'give --full or --delta, not both', [{ field: 'full', message: 'give --full or --delta, not both' }]);
    const mode: ReadMode | null = 'name' in input ? (input.full ? 'full' : input.delta ? 'delta' : null) : null;
    const dryRun = 'name' in input && input.dryRun;
    // Accepting a drop lets removals reach the gate (where they still wait for approval): admins only.
    if (acceptDrop && !hasRole(ctx.actor, 'admin')) {
      throw new CommandError('forbidden', `accepting a sudden drop needs the admin role; ${actorKey(ctx.actor)} has ${ctx.actor.role}`);
    }
    const now = ctx.now();
    const targets = 'all' in input
      ? (await ctx.store.integrations.list(ctx.accountId)).filter((i) => i.state !== 'disabled')
      : [await loadIntegration(ctx, input.name)];
    if ('name' in input && targets[0]!.state === 'disabled') {
      throw new CommandError('failed_precondition', `${input.name} is disabled: enable it before syncing`);
    }
    const trigger: RunTrigger = 'all' in input ? 'sync_all' : 'manual';
    const runs: RequestedRun[] = [];
    for (const integration of targets) {
      runs.push(
        await ctx.store.transaction(async (tx) => {
          const { run, joined } = await tx.runs.request({
            accountId: ctx.accountId, integrationId: integration.id, trigger, actor: actorKey(ctx.actor), acceptDrop, mode, dryRun, now,
          });
          await tx.audit.record(auditEntry(ctx, 'sync.request', integration.name, { run: run.id, joined, trigger, acceptDrop, mode, dryRun }));
          return { integration: integration.name, run: run.id, joined, dryRun };
        }),
      );
    }
    return { runs };
  },
});
