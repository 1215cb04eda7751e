import { runCli } from '../../src/faces/cli/run-cli.ts';
import type { CliIo } from '../../src/faces/cli/io.ts';
import type { Runtime } from '../../src/runtime.ts';
import { testAccount } from './context.ts';
import type { Store } from '../../src/core/ports.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process against a test account; the runtime stays open across calls. */
export async function cliAgainst(store: Store) {
  const { deps, account } = await testAccount(store);
  const runtime: Runtime = { deps, account, close: async () => {} };
  /** `prompts`: stdin is a terminal, and these are typed at each hidden prompt (recorded in `asked`). */
  const run = async (argv: string[], opts: { env?: Record<string, string>; stdin?: string; user?: string; tty?: boolean; stderrTty?: boolean; prompts?: string[] } = {}): Promise<CliResult & { asked: string[] }> => {
    let stdout = '';
    let stderr = '';
    const asked: string[] = [];
    const typed = [...(opts.prompts ?? [])];
    const io: CliIo = {
      argv,
      env: opts.env ?? {},
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      readStdin: async () => opts.stdin ?? '',
      stdinIsTty: opts.prompts !== undefined,
      stdoutIsTty: opts.tty ?? false,
      stderrIsTty: opts.stderrTty ?? false,
      ...(opts.prompts && { promptHidden: async (question: string) => (asked.push(question), typed.shift() ?? '') }),
      user: opts.user ?? 'tester',
    };
    const code = await runCli(io, { openRuntime: async () => runtime });
    return { code, stdout, stderr, asked };
  };
  return { run, deps, account };
}

export const AD_ARGS = [
  'integrations', 'add', 'corp-ad',
  '--kind', 'active_directory',
  '--url', 'ldaps://dc1.corp.example',
  '--bind-dn', 'CN=svc-dirsync,OU=Service,DC=corp,DC=example',
  '--base-dn', 'OU=Staff,DC=corp,DC=example',
];

/**
 * The CLI in-process for commands that need no database (a manifest, a package): the runtime
 * records being opened and fails, so a test can assert it never was.
 */
export async function cliWithoutDatabase(argv: string[], env: Record<string, string> = {}): Promise<CliResult & { opened: boolean }> {
  let stdout = '';
  let stderr = '';
  let opened = false;
  const io: CliIo = {
    argv,
    env,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => '',
    stdinIsTty: false,
    stdoutIsTty: false,
    stderrIsTty: false,
    user: 'tester',
  };
  const code = await runCli(io, {
    openRuntime: async () => {
      opened = true;
      throw new Error(`dirsync ${argv.join(' ')} opened the database`);
    },
  });
  return { code, stdout, stderr, opened };
}
