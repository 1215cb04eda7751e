#!/usr/bin/env node
// Entry point for the `dirsync` binary: the only place (with main.ts) that reads the environment.
// The hooks must be in place before the rest of the program is resolved, hence the dynamic imports.
import './node-hooks.ts';

const { nodeIo } = await import('./cli/node-io.ts');
const { runCli } = await import('./cli/run-cli.ts');
process.exitCode = await runCli(nodeIo());
