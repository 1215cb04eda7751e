import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'sucrase';
import { describe, expect, it } from 'vitest';

/**
 * createApp must run where Node does not (Cloudflare Workers next): nothing it imports, directly
 * or through other files, may be a Node built-in or a package that needs one. Packages reachable
 * from it must be listed here as portable, on purpose.
 */
const PORTABLE = new Set(['hono', 'zod']);
const ROOT = new URL('../', import.meta.url);
const SCANNED = /\.(ts|tsx|js|mjs)$/;

const path = (file: URL) => relative(fileURLToPath(ROOT), fileURLToPath(file));
const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** What a file imports at run time: type-only imports are erased; `import { type A } from 'a'` still loads 'a'. */
function runtimeImports(file: URL): string[] {
  const { code } = transform(readFileSync(file, 'utf8'), {
    transforms: ['typescript', 'jsx', 'imports'],
    jsxRuntime: 'automatic',
    jsxImportSource: 'hono/jsx',
    production: true,
    keepUnusedImports: true,
    filePath: fileURLToPath(file),
  });
  // Every static import, re-export and dynamic import() is a require() call once converted.
  return [...code.matchAll(/\brequire\((['"])(.+?)\1\)/g)].map((m) => m[2]!);
}

/** Every file reachable from `entry`, and every outside module, each with the chain that reaches it. */
function importGraph(entry: string) {
  const files = new Map<string, string[]>();
  const outside = new Map<string, string[]>();
  const queue: [URL, string[]][] = [[new URL(entry, ROOT), []]];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [file, via] = next;
    const chain = [...via, path(file)];
    if (files.has(path(file))) continue;
    files.set(path(file), chain);
    if (!SCANNED.test(file.pathname)) continue; // data (JSON)
    for (const specifier of runtimeImports(file)) {
      if (specifier.startsWith('.')) queue.push([new URL(specifier, file), chain]);
      else if (!outside.has(specifier)) outside.set(specifier, chain);
    }
  }
  return { files, outside };
}

/** The outside modules a runtime without Node could not load, each with how it is reached. */
function nodeBound(entry: string): string[] {
  return [...importGraph(entry).outside]
    .filter(([specifier]) => isBuiltin(specifier) || !PORTABLE.has(packageOf(specifier)))
    .map(([specifier, chain]) => `${specifier} ← ${chain.toReversed().join(' ← ')}`);
}

describe('what createApp imports', () => {
  it('reaches no Node built-in and no Node-only package, through any file', () => {
    expect(nodeBound('src/app.ts')).toEqual([]);
  });

  it('is read whole: the dashboard views, the run watcher and the bot routes are in the graph', () => {
    const { files } = importGraph('src/app.ts');
    for (const file of ['web/runs.tsx', 'src/commands/sync/watch-runs.ts', 'src/faces/dashboard/run-events.ts', 'src/faces/http/slack-events.ts', 'src/faces/http/teams-messages.ts']) {
      expect(files.has(file), file).toBe(true);
    }
    // Bolt and botbuilder stay with the Node entry: the app receives their endpoints ready-made.
    expect([...files.keys()].filter((f) => /faces\/(slack|teams)\//.test(f))).toEqual([]);
  });

  it('finds what the Node entry imports (so an empty list above means something)', () => {
    const found = nodeBound('src/server.ts').map((line) => line.split(' ← ')[0]);
    for (const specifier of ['node:crypto', 'node:fs', '@hono/node-server', '@slack/bolt', 'botbuilder']) expect(found).toContain(specifier);
  });
});
