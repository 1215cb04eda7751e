import { addIntegration } from '../../commands/integration/add.ts';
import { disableIntegration } from '../../commands/integration/disable.ts';
import { enableIntegration } from '../../commands/integration/enable.ts';
import { listIntegrations } from '../../commands/integration/list.ts';
import { showIntegration } from '../../commands/integration/show.ts';
import { updateIntegration } from '../../commands/integration/update.ts';
import { parseFlags, positionals } from './args.ts';
import { ADD_HELP, DISABLE_HELP, ENABLE_HELP, INTEGRATIONS_HELP, LIST_HELP, SHOW_HELP, UPDATE_HELP } from './help.ts';
import { settingsInput, SETTINGS_FLAGS } from './integration-flags.ts';
import { UsageError } from './io.ts';
import { renderIntegration, renderList, renderStateChange, renderWarnings } from './render-integrations.ts';
import { help, print, type Handler } from './session.ts';

const REQUIRED_FOR_ADD: [string, string][] = [
  ['kind', '--kind'],
  ['urls', '--url'],
  ['bindDn', '--bind-dn'],
  ['bindPassword', '--password-env or --password-stdin'],
  ['baseDns', '--base-dn'],
];

const add: Handler = async (args, session) => {
  const { values, positionals: pos } = parseFlags(args, SETTINGS_FLAGS, ADD_HELP);
  if (values.help) return help(session, ADD_HELP);
  const [name] = positionals(pos, ['name'], ADD_HELP);
  const input = await settingsInput(values, session.io);
  const missing = REQUIRED_FOR_ADD.filter(([key]) => input[key] === undefined).map(([, flag]) => flag);
  if (missing.length > 0) throw new UsageError(`missing ${missing.join(', ')}`, ADD_HELP);
  const view = await addIntegration({ ctx: await session.context(), input: { ...input, name } as Parameters<typeof addIntegration>[0]['input'] });
  print(session, view, () => `Added ${view.name} (${view.kind}, ${view.urls.join(' ')}).\n${renderWarnings(view.warnings)}`);
  return 0;
};

const update: Handler = async (args, session) => {
  const flags = { ...SETTINGS_FLAGS, rename: { type: 'string' }, 'clear-ca': { type: 'boolean' }, 'clear-client-cert': { type: 'boolean' } } as const;
  const { values, positionals: pos } = parseFlags(args, flags, UPDATE_HELP);
  if (values.help) return help(session, UPDATE_HELP);
  const [name] = positionals(pos, ['name'], UPDATE_HELP);
  const input = {
    ...(await settingsInput(values, session.io)),
    name,
    ...(values.rename !== undefined && { rename: values.rename }),
    ...(values['clear-ca'] && { clearCa: true }),
    ...(values['clear-client-cert'] && { clearClientCertificate: true }),
  };
  const result = await updateIntegration({ ctx: await session.context(), input: input as Parameters<typeof updateIntegration>[0]['input'] });
  print(session, result, () =>
    (result.changed.length === 0 ? `${name}: nothing changed.\n` : `Updated ${result.integration.name}: ${result.changed.join(', ')}.\n`) +
    renderWarnings(result.integration.warnings),
  );
  return 0;
};

const list: Handler = async (args, session) => {
  const { values, positionals: pos } = parseFlags(args, {}, LIST_HELP);
  if (values.help) return help(session, LIST_HELP);
  positionals(pos, [], LIST_HELP);
  const items = await listIntegrations({ ctx: await session.context(), input: {} });
  print(session, items, () => renderList(items));
  return 0;
};

const show: Handler = async (args, session) => {
  const { values, positionals: pos } = parseFlags(args, {}, SHOW_HELP);
  if (values.help) return help(session, SHOW_HELP);
  const [name] = positionals(pos, ['name'], SHOW_HELP);
  const view = await showIntegration({ ctx: await session.context(), input: { name: name! } });
  print(session, view, () => renderIntegration(view));
  return 0;
};

function stateHandler(command: typeof enableIntegration, usage: string, verb: 'enabled' | 'disabled'): Handler {
  return async (args, session) => {
    const { values, positionals: pos } = parseFlags(args, { reason: { type: 'string' } }, usage);
    if (values.help) return help(session, usage);
    const [name] = positionals(pos, ['name'], usage);
    const result = await command({ ctx: await session.context(), input: { name: name!, ...(values.reason !== undefined && { reason: values.reason }) } });
    print(session, result, () => renderStateChange(result, verb));
    return 0;
  };
}

export const integrationHandlers: Record<string, Handler> = {
  add,
  update,
  list,
  show,
  enable: stateHandler(enableIntegration, ENABLE_HELP, 'enabled'),
  disable: stateHandler(disableIntegration, DISABLE_HELP, 'disabled'),
};

export const integrations: Handler = async ([sub, ...rest], session) => {
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
    return help(session, INTEGRATIONS_HELP, sub === undefined ? 2 : 0);
  }
  const handler = integrationHandlers[sub];
  if (!handler) throw new UsageError(`unknown sub-command "integrations ${sub}"`, INTEGRATIONS_HELP);
  return handler(rest, session);
};
