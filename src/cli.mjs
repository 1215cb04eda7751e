#!/usr/bin/env -S node --max-semi-space-size=16
// --max-semi-space-size: V8 otherwise doubles its young generation (to 128 MB) when a sync's
// pages stream through quickly, which made peak memory jump by 70-130 MB on some runs and not
// on others. 16 MB semi-spaces cost no measurable time (npm run bench). The npm scripts and the
// benchmark start Node with the same flag (package.json "dirsync").
// Entry point for the `dirsync` binary. Plain JavaScript on purpose: Node strips types from a
// .ts file with a WebAssembly compiler it loads on first use (~0.1 s and ~17 MB on a quiet
// machine, several times that on a busy one). With V8's compile cache on before the first .ts
// is read, Node reuses the stripped code it cached and never loads that compiler.
// The cache lives beside the dependencies, not in the shared temp folder (see node-hooks.ts).
import { enableCompileCache } from 'node:module';

enableCompileCache(new URL('../node_modules/.cache/dirsync-compile', import.meta.url).pathname);
await import('./cli.ts');
