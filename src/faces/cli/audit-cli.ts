import { listAudit } from '../../commands/audit/list.ts';
import { integerFlag, parseFlags, positionals } from './args.ts';
import { AUDIT_HELP } from './help.ts';
import { table, when } from './render.ts';
import { help, print, type Handler } from './session.ts';

export const audit: Handler = async (args, session) => {
  const flags = {
    integration: { type: 'string' },
    action: { type: 'string' },
    actor: { type: 'string' },
    limit: { type: 'string' },
    before: { type: 'string' },
  } as const;
  const { values, positionals: pos } = parseFlags(args, flags, AUDIT_HELP);
  if (values.help) return help(session, AUDIT_HELP);
  positionals(pos, [], AUDIT_HELP);
  const v = values as { [K in keyof typeof flags]?: string };
  const input = {
    ...(v.integration !== undefined && { target: v.integration }),
    ...(v.action !== undefined && { action: v.action }),
    ...(v.actor !== undefined && { actor: v.actor }),
    ...(v.limit !== undefined && { limit: integerFlag(v.limit, '--limit') }),
    ...(v.before !== undefined && { beforeId: integerFlag(v.before, '--before') }),
  };
  const rows = await listAudit({ ctx: await session.context(), input });
  print(session, rows, () =>
    rows.length === 0
      ? 'No audit entries match.\n'
      : table(
          ['ID', 'WHEN', 'ACTOR', 'ACTION', 'TARGET', 'OUTCOME'],
          rows.map((r) => [String(r.id), when(r.at.toISOString()), r.actor, r.action, r.target ?? '—', r.outcome]),
        ),
  );
  return 0;
};
