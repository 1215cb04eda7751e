// npm run worker:dev | worker:build: the Worker (src/worker.ts, wrangler.toml) locally under workerd, or bundled.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CONFIG_VARIABLES } from '../src/config.ts';

/** Workers' limit on a Worker's compressed size: 3 MB on the Free plan, 10 MB on Paid. */
const LIMITS = { free: 3 * 1024 * 1024, paid: 10 * 1024 * 1024 };

/** Nothing leaves this machine: no request.cf lookup, no usage metrics, no error reports, no update check (it comes with the banner). */
const QUIET_WRANGLER = { WRANGLER_SEND_METRICS: 'false', WRANGLER_SEND_ERROR_REPORTS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', DO_NOT_TRACK: '1', WRANGLER_HIDE_BANNER: 'true' };

const wrangler = (args: string[], env: NodeJS.ProcessEnv) =>
  new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, '../node_modules/wrangler/bin/wrangler.js'), ...args], { stdio: 'inherit', env: { ...env, ...QUIET_WRANGLER } });
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
    child.on('exit', (code) => resolve(code ?? 1));
  });

async function dev(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) return fail('DATABASE_URL: required: the local Worker reaches Postgres through it as its Hyperdrive binding (PGlite cannot run on Workers)');
  if (!new URL(url).password) return fail('DATABASE_URL: Hyperdrive needs a password in it (postgres://user:PASSWORD@host:5432/db); any text will do for a server that trusts local connections');
  // The usual variables, from this environment, handed to the Worker like `wrangler secret put` would: in a file only this user can read, removed on exit.
  const dir = mkdtempSync(join(tmpdir(), 'dirsync-worker-'));
  const vars = [...CONFIG_VARIABLES, 'DIRSYNC_WORKER_SYNCS'].filter((name) => !['DATABASE_URL', 'PORT', 'HOST'].includes(name) && process.env[name]).map((name) => `${name}=${JSON.stringify(process.env[name])}`);
  writeFileSync(join(dir, 'vars'), `${vars.join('\n')}\n`, { mode: 0o600 });
  try {
    const port = process.env.PORT ?? '8787';
    const env = { ...process.env, CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: url };
    return await wrangler(['dev', '--port', port, '--ip', process.env.HOST ?? '127.0.0.1', '--test-scheduled', '--env-file', join(dir, 'vars'), '--show-interactive-dev-session=false', ...process.argv.slice(3)], env);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function build(): Promise<number> {
  const outdir = process.argv[3] ?? 'dist/worker';
  const code = await wrangler(['deploy', '--dry-run', '--outdir', outdir], process.env);
  if (code !== 0) return code;
  const modules = readdirSync(outdir).filter((f) => !f.endsWith('.map') && f !== 'README.md');
  const raw = modules.reduce((n, f) => n + readFileSync(join(outdir, f)).length, 0);
  const compressed = gzipSync(Buffer.concat(modules.map((f) => readFileSync(join(outdir, f)))), { level: 9 }).length;
  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  const within = compressed <= LIMITS.free ? 'within the Free plan\'s 3 MiB (and the Paid plan\'s 10 MiB)' : compressed <= LIMITS.paid ? 'over the Free plan\'s 3 MiB, within the Paid plan\'s 10 MiB' : 'OVER the Paid plan\'s 10 MiB limit';
  console.log(`Worker bundle in ${outdir}: ${kib(raw)}, ${kib(compressed)} compressed: ${within}`);
  return compressed <= LIMITS.paid ? 0 : 1;
}

function fail(message: string): number {
  console.error(`dirsync worker: ${message}`);
  return 2;
}

const commands: Record<string, () => Promise<number>> = { dev, build };
const command = commands[process.argv[2] ?? ''];
process.exitCode = command ? await command() : fail('usage: node scripts/worker.ts dev|build [outdir]');
