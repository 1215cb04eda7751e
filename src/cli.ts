#!/usr/bin/env node
import { nodeIo } from './cli/node-io.ts';
import { runCli } from './cli/run-cli.ts';

// Entry point for the `dirsync` binary: the only place (with main.ts) that reads the environment.
process.exitCode = await runCli(nodeIo());
