#!/usr/bin/env -S node --max-semi-space-size=16
// --max-semi-space-size: V8 otherwise doubles its young generation (to 128 MB) when a sync's
// pages stream through quickly, which made peak memory jump by 70-130 MB on some runs and not
// on others. 16 MB semi-spaces cost no measurable time (npm run bench). The npm scripts and the
// benchmark start Node with the same flag (package.json "dirsync").
// Entry point for the `dirsync` binary: the only place (with main.ts) that reads the environment.
// The hooks must be in place before the rest of the program is resolved, hence the dynamic imports.
import './node-hooks.ts';

const { nodeIo } = await import('./faces/cli/node-io.ts');
const { runCli } = await import('./faces/cli/run-cli.ts');
process.exitCode = await runCli(nodeIo());
