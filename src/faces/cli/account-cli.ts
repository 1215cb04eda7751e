import type { Account } from '../../core/account.ts';
import { showAccount } from '../../commands/account/show.ts';
import { updateAccount } from '../../commands/account/update.ts';
import { integerFlag, parseFlags, positionals } from './args.ts';
import { ACCOUNT_HELP } from './help.ts';
import { UsageError } from './io.ts';
import { fields } from './render.ts';
import { help, print, type Handler } from './session.ts';

const renderAccount = (a: Account) =>
  `${a.name}\n` +
  fields([
    ['time zone', a.timeZone],
    ['approval above', `${a.deletionThresholdCount} objects or ${a.deletionThresholdPercent} % of an integration's active users`],
    ['lingering after', `${a.lingeringHours} h`],
  ]);

export const account: Handler = async ([sub, ...rest], session) => {
  const flags = {
    'time-zone': { type: 'string' },
    'deletion-threshold-count': { type: 'string' },
    'deletion-threshold-percent': { type: 'string' },
    'lingering-hours': { type: 'string' },
  } as const;
  if (sub === 'help' || sub === '--help' || sub === '-h') return help(session, ACCOUNT_HELP);
  const { values, positionals: pos } = parseFlags(rest, sub === 'update' ? flags : {}, ACCOUNT_HELP);
  if (values.help) return help(session, ACCOUNT_HELP);
  positionals(pos, [], ACCOUNT_HELP);
  if (sub === 'show') {
    const result = await showAccount({ ctx: await session.context(), input: {} });
    print(session, result, () => renderAccount(result));
    return 0;
  }
  if (sub === 'update') {
    const v = values as { [K in keyof typeof flags]?: string };
    const input = Object.fromEntries(
      Object.entries({
        timeZone: v['time-zone'],
        deletionThresholdCount: integerFlag(v['deletion-threshold-count'], '--deletion-threshold-count'),
        deletionThresholdPercent: integerFlag(v['deletion-threshold-percent'], '--deletion-threshold-percent'),
        lingeringHours: integerFlag(v['lingering-hours'], '--lingering-hours'),
      }).filter(([, value]) => value !== undefined),
    );
    if (Object.keys(input).length === 0) throw new UsageError('nothing to change: give at least one option', ACCOUNT_HELP);
    const result = await updateAccount({ ctx: await session.context(), input });
    print(session, result, () => `Updated.\n${renderAccount(result)}`);
    return 0;
  }
  throw new UsageError(sub === undefined ? 'missing sub-command (show or update)' : `unknown sub-command "account ${sub}"`, ACCOUNT_HELP);
};
