import { updateAccount } from '../../src/commands/account/update.ts';
import { addIntegration } from '../../src/commands/integration/add.ts';
import type { Store } from '../../src/core/ports.ts';
import { testAccount } from './context.ts';
import { CLIENT, TENANT, type GraphState } from './standins/graph-standin.ts';
import { startGraphDeltaStandin } from './standins/graph-delta-standin.ts';

/**
 * An account with an entra_id integration `cloud` reading the Graph stand-in with delta query;
 * deletions may go through unheld (the deltas under test delete freely). Close `graph` after.
 */
export async function entraDeltaLab(store: Store, state: Partial<GraphState>) {
  const graph = await startGraphDeltaStandin(state);
  const t = await testAccount(store);
  await updateAccount({ ctx: t.as('admin'), input: { deletionThresholdPercent: 100, deletionThresholdCount: 10_000 } });
  await addIntegration({
    ctx: t.as('admin'),
    input: { name: 'cloud', kind: 'entra_id', tenantId: TENANT, clientId: CLIENT, clientSecret: graph.state.secret!, graphUrl: graph.graphUrl, loginUrl: graph.loginUrl, caPem: graph.caPem },
  });
  const integration = (await store.integrations.findByName(t.account.id, 'cloud'))!;
  return { ...t, graph, integration };
}
