import { randomBytes } from 'node:crypto';
import { createDirectoryConnector } from '../../src/adapters/directory-connector.ts';
import { x509Pki } from '../../src/adapters/pki/x509.ts';
import { loopbackLookup } from './loopback-dns.ts';
import { cronerPort } from '../../src/adapters/cron/cron.ts';
import { createSecretBox } from '../../src/adapters/secrets/secret-box.ts';
import { scryptPasswords } from '../../src/adapters/secrets/scrypt-passwords.ts';
import { createTokenMac } from '../../src/adapters/secrets/token-mac.ts';
import type { CommandContext, CommandDeps } from '../../src/commands/context.ts';
import { ACCOUNT_DEFAULTS } from '../../src/core/account.ts';
import type { Logger, Store } from '../../src/core/ports.ts';
import type { Actor, Role } from '../../src/core/roles.ts';

export interface LogLine {
  level: string;
  msg: string;
  fields?: object;
}

/** A logger that keeps every line, so tests can assert what was (and was not) logged. */
export function memoryLogger(lines: LogLine[] = []): Logger & { lines: LogLine[] } {
  const at = (level: string) => (msg: string, fields?: object) => void lines.push({ level, msg, ...(fields && { fields }) });
  const logger = { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => logger };
  return logger;
}

export function testDeps(store: Store, key: Buffer = randomBytes(32)): CommandDeps & { log: ReturnType<typeof memoryLogger> } {
  // Names resolve through a DNS server on loopback: no test ever queries the machine's resolver.
  const directory = createDirectoryConnector({ lookup: loopbackLookup });
  return { store, secrets: createSecretBox(key), tokenMac: createTokenMac(key), passwords: scryptPasswords(), pki: x509Pki, cron: cronerPort, now: () => new Date(), log: memoryLogger(), directory };
}

/** Creates an account of its own (tests share a database) and returns a context factory for it. */
export async function testAccount(store: Store, deps = testDeps(store), timeZone = 'UTC') {
  const id = crypto.randomUUID();
  const account = await store.accounts.ensure({ id, name: `acct-${id}`, ...ACCOUNT_DEFAULTS, timeZone }, new Date());
  const as = (role: Role, id = `${role}-user`, platform: Actor['platform'] = 'cli'): CommandContext => ({
    ...deps,
    accountId: account.id,
    actor: { platform, id, role },
  });
  return { account, deps, as };
}
