import packageJson from '../../../package.json' with { type: 'json' };
import type { Config } from '../../config.ts';
import { databaseLost, isCommandError } from '../../core/errors.ts';
import type { Logger } from '../../core/ports.ts';
import type { DataDirMode } from '../../data-dir.ts';
import type { Runtime, RuntimeOptions } from '../../runtime.ts';
import { parseFlags, positionals } from './args.ts';
import { AGENT_HELP, MIGRATE_HELP, START_HELP } from './built-in-help.ts';
import { UsageError, type CliIo } from './io.ts';
import { json } from './render.ts';
import { help, print, type CliSession, type Handler } from './session.ts';
import { textLogger } from './text-logger.ts';

// Start-up: everything heavier than the lines above (zod, pino, the database drivers, the LDAP
// client, the registry) is imported when a command needs it, so --version answers at once.
export interface RunCliOptions {
  /** Tests inject a shared runtime; by default one is opened from the environment. */
  openRuntime?: (config: Config, log: Logger, opts: RuntimeOptions) => Promise<Runtime>;
}

/** The configuration and logger of a long-running process (server or agent), loaded only for them. */
async function processConfig(session: CliSession): Promise<{ config: Config; log: Logger }> {
  const [{ parseConfig }, { createLogger, logFormatFor }] = await Promise.all([import('../../config.ts'), import('../../adapters/log/logger.ts')]);
  const config = parseConfig(session.io.env);
  return { config, log: createLogger(config.logLevel, undefined, logFormatFor(config.logFormat, session.io.stdoutIsTty)) };
}

const start: Handler = async (args, session) => {
  const { values, positionals: pos } = parseFlags(args, {}, START_HELP);
  if (values.help) return help(session, START_HELP);
  positionals(pos, [], START_HELP);
  const { config, log } = await processConfig(session);
  // Loaded only here: the server's module graph (Hono, Bolt, botbuilder, the dashboard) takes
  // most of a second and ~85 MB to load, which every other command would pay for nothing.
  const { closeOnSignals, startServer } = await import('../../server.ts');
  closeOnSignals(await startServer(config, log), log);
  return new Promise<number>(() => {}); // runs until a signal ends the process
};

const agent: Handler = async (args, session) => {
  const { values, positionals: pos } = parseFlags(args, {}, AGENT_HELP);
  if (values.help) return help(session, AGENT_HELP);
  positionals(pos, [], AGENT_HELP);
  const { config, log } = await processConfig(session);
  const { startAgent } = await import('../../agent.ts');
  const { closeOnSignals } = await import('../../server.ts');
  closeOnSignals(await startAgent(config, log), log);
  return new Promise<number>(() => {}); // runs until a signal ends the process
};

const version: Handler = async (_args, session) => {
  print(session, { version: packageJson.version }, () => `dirsync ${packageJson.version}\n`);
  return 0;
};

const slack: Handler = async (args, session) => (await import('./slack-cli.ts')).slack(args, session);
const teams: Handler = async (args, session) => (await import('./teams-cli.ts')).teams(args, session);

/** What the CLI does that is not a command of the registry. */
const BUILT_INS: Record<string, Handler> = { start, agent, slack, teams, version };

/** The whole CLI as a function of its io: returns the exit code. */
export async function runCli(io: CliIo, options: RunCliOptions = {}): Promise<number> {
  let argv = io.argv;
  // --actor applies to every command, so it is taken out before a command's own flags are parsed.
  const at = argv.indexOf('--actor');
  // `cli:<name>` as the help shows actors (and the audit log lists them) is the same name.
  const actorName = at >= 0 ? argv[at + 1]?.replace(/^cli:/, '') : undefined;
  if (at >= 0) argv = [...argv.slice(0, at), ...argv.slice(at + 2)];
  const [command, ...rest] = argv;
  const asJson = argv.includes('--json');
  let runtime: Runtime | undefined;
  let config: Config | undefined;
  const log = textLogger(io.stderr, io.env.LOG_LEVEL === 'debug' ? 'debug' : 'warn');
  const open = async (dataDir: DataDirMode = 'create') => {
    config ??= (await import('../../config.ts')).parseConfig(io.env);
    runtime ??= await (options.openRuntime ?? (await import('../../runtime.ts')).openRuntime)(config, log, { dataDir });
    return runtime;
  };
  const session: CliSession = {
    io,
    json: asJson,
    async context(dataDir) {
      const rt = await open(dataDir);
      // The CLI is a trusted local admin; --actor names who acts (a second person approving).
      return { ...rt.deps, actor: { platform: 'cli', id: actorName ?? io.user, role: 'admin' }, accountId: rt.account.id };
    },
  };
  try {
    if (at >= 0 && !/^[\w.@-]{1,64}$/.test(actorName ?? '')) throw new UsageError(`--actor takes a name or cli:<name> (letters, digits, . _ @ -), not "${io.argv[at + 1] ?? ''}"`);
    // The registry (every command) is loaded only when a command needs it: --version stays quick.
    const topHelp = async () => (await import('./help.ts')).topHelp();
    if (command === undefined) return help(session, await topHelp(), 2);
    if (command === '--help' || command === '-h' || command === 'help') return help(session, await topHelp());
    if (command === '--version') return await version([], session);
    if (command === 'migrate') {
      const { values, positionals: pos } = parseFlags(rest, {}, MIGRATE_HELP);
      if (values.help) return help(session, MIGRATE_HELP);
      positionals(pos, [], MIGRATE_HELP);
      await open();
      const { describeDatabase } = await import('../../config.ts');
      print(session, { migrated: true, database: describeDatabase(config!.database) }, () => `Migrations applied (${describeDatabase(config!.database)}).\n`);
      return 0;
    }
    const builtIn = BUILT_INS[command];
    if (builtIn) return await builtIn(rest, session);
    const { dispatch } = await import('./dispatch.ts');
    return await dispatch(argv, session);
  } catch (e) {
    const lost = runtime?.deps.store.connectionLoss(e) ?? null;
    // The CLI also reads the database outside commands (following a run).
    if (lost !== null) e = databaseLost(lost);
    return await reportError(e, io, asJson);
  } finally {
    await runtime?.close().catch((e: unknown) => log.error('closing the database failed', { err: e }));
  }
}

async function reportError(e: unknown, io: CliIo, asJson: boolean): Promise<number> {
  if (isCommandError(e)) {
    // Field names become the options people typed; that takes the registry, loaded only now.
    const { exitCode, flagFor, issueLines } = await import('./errors.ts');
    const issues = e.issues.map((i) => ({ ...i, option: flagFor(i.field) }));
    if (asJson) io.stdout(json({ error: { code: e.code, message: e.message, issues } }));
    else if (e.issues.length > 1) io.stderr(`error: ${e.message}\n${issueLines(e.issues).map((l) => `  ${l}\n`).join('')}`);
    else io.stderr(`error: ${e.issues.length === 1 ? issueLines(e.issues)[0] : e.message}\n`);
    return exitCode(e.code);
  }
  // Loaded now, at the latest: they are light, and a ConfigError means config.ts is loaded anyway.
  const [{ ConfigError }, { DataDirMissing }] = await Promise.all([import('../../config.ts'), import('../../data-dir.ts')]);
  if (e instanceof UsageError || e instanceof ConfigError || e instanceof DataDirMissing) {
    const code = e instanceof UsageError ? 'usage' : 'configuration';
    if (asJson) io.stdout(json({ error: { code, message: e.message } }));
    else io.stderr(`error: ${e.message}\n${e instanceof UsageError && e.hint ? `\n${e.hint}` : ''}`);
    return 2;
  }
  const message = e instanceof Error ? e.message : String(e);
  if (asJson) io.stdout(json({ error: { code: 'unavailable', message } }));
  else io.stderr(`error: ${message}\n`);
  return 1;
}
