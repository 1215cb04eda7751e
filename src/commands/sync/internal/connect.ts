import { connectDirectory } from '../../../core/connection-test.ts';
import type { ProbeSettings } from '../../../core/probe.ts';
import type { Lease } from './keep-lease.ts';
import type { RunJob } from './start-run.ts';

/** Connects through the connection test's stages; `probe` is null when one failed, and the report says which. */
export async function connect({ ctx, integration }: RunJob, servers: ProbeSettings[], lease: Lease) {
  lease.progress('connecting', 0);
  const rt = { connector: ctx.directory, clock: () => performance.now(), now: ctx.now };
  return connectDirectory({ integration: integration.name, servers, baseDns: integration.baseDns }, rt);
}
