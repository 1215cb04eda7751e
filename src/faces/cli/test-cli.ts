import { testIntegration } from '../../commands/integration/test.ts';
import type { ProgressEvent } from '../../core/progress.ts';
import { integerFlag, parseFlags, positionals } from './args.ts';
import { json } from './render.ts';
import { renderTest, stageLine, testSummary } from './render-test.ts';
import { help, type Handler } from './session.ts';

export const TEST_HELP = `Usage: dirsync test <name> [--sample N] [--json]

Tests an integration stage by stage — dns, tcp, tls, bind, base_dn, search, attributes,
encoding — and says which stage failed, why (class and reason), and what to check. One bind
attempt, never retried (repeated failed binds lock service accounts out). The result is kept
as the integration's last test; a failure puts it in error, a pass takes it out.

  --sample N   Users to read for the attribute and encoding checks (default 100, at most 1000)
  --json       The report as JSON: { integration, ok, stages, failure, certificate }

Exit codes: 0 the test passed (possibly with warnings), 1 a stage failed, 2 bad input.
`;

export const test: Handler = async (args, session) => {
  const { values, positionals: pos } = parseFlags(args, { sample: { type: 'string' } }, TEST_HELP);
  if (values.help) return help(session, TEST_HELP);
  const [name] = positionals(pos, ['name'], TEST_HELP);
  const sampleSize = integerFlag(values.sample as string | undefined, '--sample');
  // On a terminal, each stage is shown as it finishes; elsewhere the report comes at once.
  const live = !session.json && session.io.stdoutIsTty;
  const progress = (e: ProgressEvent) => {
    if (e.type === 'test.stage') session.io.stdout(stageLine(e.stage));
  };
  const ctx = { ...(await session.context()), ...(live && { progress }) };
  const report = await testIntegration({ ctx, input: { name: name!, ...(sampleSize !== undefined && { sampleSize }) } });
  session.io.stdout(session.json ? json(report) : live ? testSummary(report) : renderTest(report));
  return report.ok ? 0 : 1;
};
