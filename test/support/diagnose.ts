import type { TestReport } from '../../src/core/connection-test.ts';
import type { CliResult } from './cli.ts';

type Run = (argv: string[], opts?: { env?: Record<string, string> }) => Promise<CliResult>;

/** `integrations add <name> …` then `test <name> --json`, the way an operator would. */
export async function diagnose(run: Run, name: string, settings: string[], password: string, testArgs: string[] = []) {
  const added = await run(['integrations', 'add', name, ...settings, '--password-env', 'BIND_PW'], { env: { BIND_PW: password } });
  if (added.code !== 0) throw new Error(`add failed: ${added.stderr}${added.stdout}`);
  const tested = await run(['test', name, '--json', ...testArgs]);
  const report = JSON.parse(tested.stdout) as TestReport;
  return { report, code: tested.code, output: tested.stdout + tested.stderr + added.stdout + added.stderr };
}

export const stage = (report: TestReport, name: string) => report.stages.find((s) => s.name === name)!;
