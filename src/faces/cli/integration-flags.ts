import { UsageError, type CliIo } from './io.ts';
import { parseAttrFlags, readPassword, readTextFile } from './read-inputs.ts';

/** Options shared by `integrations add` and `integrations update`. */
export const SETTINGS_FLAGS = {
  kind: { type: 'string' },
  url: { type: 'string', multiple: true },
  tls: { type: 'string' },
  'bind-dn': { type: 'string' },
  'password-env': { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'base-dn': { type: 'string', multiple: true },
  'ca-file': { type: 'string' },
  'client-cert-file': { type: 'string' },
  'client-key-file': { type: 'string' },
  'user-filter': { type: 'string' },
  'group-filter': { type: 'string' },
  attr: { type: 'string', multiple: true },
  schedule: { type: 'string' },
  'connect-timeout': { type: 'string' },
  'operation-timeout': { type: 'string' },
  'acknowledge-disabled': { type: 'string' },
  // Declared only to refuse them with an explanation (see readPassword).
  password: { type: 'string' },
  'bind-password': { type: 'string' },
} as const;

type FlagValues = { [K in keyof typeof SETTINGS_FLAGS]?: (typeof SETTINGS_FLAGS)[K] extends { multiple: true } ? string[] : (typeof SETTINGS_FLAGS)[K]['type'] extends 'boolean' ? boolean : string };

/** Flags → command input. Only given flags become keys, so `update` changes only those. */
export async function settingsInput(values: FlagValues, io: CliIo): Promise<Record<string, unknown>> {
  const input: Record<string, unknown> = {
    kind: values.kind,
    urls: values.url,
    tlsMode: values.tls,
    bindDn: values['bind-dn'],
    bindPassword: await readPassword(values, io),
    baseDns: values['base-dn'],
    caPem: await readTextFile(values['ca-file'], '--ca-file'),
    clientCertPem: await readTextFile(values['client-cert-file'], '--client-cert-file'),
    clientKeyPem: await readTextFile(values['client-key-file'], '--client-key-file'),
    userFilter: values['user-filter'],
    groupFilter: values['group-filter'],
    attributes: parseAttrFlags(values.attr),
    schedule: values.schedule,
    connectTimeoutMs: secondsFlag(values['connect-timeout'], '--connect-timeout'),
    operationTimeoutMs: secondsFlag(values['operation-timeout'], '--operation-timeout'),
    acknowledgeDisabled: yesNoFlag(values['acknowledge-disabled'], '--acknowledge-disabled'),
  };
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

/** "5" or "2.5" seconds → milliseconds. */
function secondsFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(value.trim())) throw new UsageError(`${flag} takes seconds, e.g. ${flag} 5 or ${flag} 2.5; got "${value}"`);
  return Math.round(Number(value) * 1000);
}

function yesNoFlag(value: string | undefined, flag: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (/^(yes|true|on)$/i.test(value)) return true;
  if (/^(no|false|off)$/i.test(value)) return false;
  throw new UsageError(`${flag} takes yes or no; got "${value}"`);
}
