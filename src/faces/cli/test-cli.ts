import { testIntegration } from '../../commands/integration/test.ts';
import type { ProgressEvent } from '../../core/progress.ts';
import { json } from './render.ts';
import { renderTest, stageLine, testSummary } from './render-test.ts';
import type { CliSession } from './session.ts';

/** `dirsync test <name>`: on a terminal each stage is shown as it finishes. Exit 1 when a stage failed. */
export async function runTest(input: Record<string, unknown>, session: CliSession): Promise<number> {
  // On a terminal, each stage is shown as it finishes; elsewhere the report comes at once.
  const live = !session.json && session.io.stdoutIsTty;
  const progress = (e: ProgressEvent) => {
    if (e.type === 'test.stage') session.io.stdout(stageLine(e.stage));
  };
  const ctx = { ...(await session.context()), ...(live && { progress }) };
  const report = await testIntegration({ ctx, input: input as Parameters<typeof testIntegration>[0]['input'] });
  session.io.stdout(session.json ? json(report) : live ? testSummary(report) : renderTest(report));
  return report.ok ? 0 : 1;
}
