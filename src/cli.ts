// The CLI, loaded by the `dirsync` binary (src/cli.mjs): the only place (with main.ts) that
// reads the environment. `node src/cli.ts` works too, only without the warm start.
// The hooks must be in place before the rest of the program is resolved, hence the dynamic imports.
import './node-hooks.ts';

const { nodeIo } = await import('./faces/cli/node-io.ts');
const { runCli } = await import('./faces/cli/run-cli.ts');
process.exitCode = await runCli(nodeIo());
