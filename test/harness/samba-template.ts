// Provisioning a domain costs 6–10 s and hashing the fixture passwords ~0.7 s, so a provisioned
// and prepared (seeded) domain is kept as a template under the OS temp folder and copied into
// a fresh folder for each run. The key covers the Samba binaries, the provision settings and
// the caller's preparation key (the seed's content), so edits rebuild it.
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBinary, makeRunDir, run, sweepStaleRunDirs } from './process.ts';
import { SAMBA_FIXTURE as F } from './samba-fixture.ts';

/** Bump when provisioning changes in a way the arguments below don't show. */
const TEMPLATE_FORMAT = 3;

const PROVISION_ARGS = [
  'domain', 'provision', `--realm=${F.realm}`, `--domain=${F.domain}`, '--server-role=dc',
  '--dns-backend=NONE', `--adminpass=${F.adminPassword}`, '--use-rfc2307', `--host-name=${F.hostName}`,
  '--option=interfaces=lo', '--option=bind interfaces only=yes',
];

export function sambaTool(name: string): string {
  const path = findBinary(name);
  if (!path) throw new Error(`${name} not found (Debian: apt-get install samba samba-ad-dc samba-ad-provision)`);
  return path;
}

/** Provisions an empty domain into dir (which may already hold owner.pid). */
export async function provisionDomain(dir: string): Promise<void> {
  await run(sambaTool('samba-tool'), [...PROVISION_ARGS, `--targetdir=${dir}`]);
}

function templateKey(prepareKey: string): string {
  // Binary size and mtime instead of `samba --version` (0.1 s): a package upgrade changes both.
  const binaries = ['samba', 'samba-tool'].map((b) => {
    const s = statSync(sambaTool(b));
    return `${b}:${s.size}:${s.mtimeMs}`;
  });
  return createHash('sha256').update(JSON.stringify([binaries, PROVISION_ARGS, TEMPLATE_FORMAT, prepareKey]))
    .digest('hex').slice(0, 16);
}

/** Templates of other keys (older Samba, older seed) unused for a few days: 30+ MB each. */
async function pruneUnusedTemplates(root: string): Promise<void> {
  const cutoff = Date.now() - 3 * 86_400_000;
  for (const name of await readdir(root)) {
    const used = await stat(join(root, name, '.complete')).then((s) => s.mtimeMs, () => null);
    if (used !== null && used < cutoff) await rm(join(root, name), { recursive: true, force: true });
  }
}

/**
 * Path of the cached template, built when missing: provision, then prepare(dir) (which starts
 * Samba on dir, seeds it and stops it), then an atomic rename into place.
 */
export async function cachedTemplate(
  prepareKey: string, prepare: (dir: string) => Promise<void>,
): Promise<{ dir: string; cached: boolean }> {
  const root = join(tmpdir(), 'dirsync-test-cache');
  const dir = join(root, `samba-${templateKey(prepareKey)}`);
  if (existsSync(join(dir, '.complete'))) {
    const now = new Date();
    await utimes(join(dir, '.complete'), now, now); // last use, for pruning
    return { dir, cached: true };
  }
  await mkdir(root, { recursive: true });
  await sweepStaleRunDirs(['samba-'], root);
  await pruneUnusedTemplates(root);
  // Build beside it, then rename: a concurrent run never sees a half-built template.
  const building = await makeRunDir(`${dir.split('/').pop()}.building-`, root);
  try {
    await provisionDomain(building);
    await prepare(building);
    await Promise.all(['owner.pid', 'samba.log', 'tls'].map((f) => rm(join(building, f), { recursive: true, force: true })));
    await writeFile(join(building, '.complete'), new Date().toISOString());
  } catch (err) {
    await rm(building, { recursive: true, force: true });
    throw err;
  }
  try {
    await rename(building, dir);
    return { dir, cached: false };
  } catch {
    if (existsSync(join(dir, '.complete'))) {
      await rm(building, { recursive: true, force: true }); // another run got there first
    } else {
      await rm(dir, { recursive: true, force: true }); // a broken leftover was in the way
      await rename(building, dir);
    }
    return { dir, cached: false };
  }
}
