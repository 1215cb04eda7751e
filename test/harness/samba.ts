// Starts a Samba AD DC (LDAP service only) on loopback, standard ports, with our own TLS
// certificate, from a cached provisioned template (see samba-template.ts).
// DIRSYNC_TEST_CACHE=off provisions and prepares from scratch in the run folder instead; that
// is the default under CI=true, where building a template that no later run reuses costs more.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Attribute, Change, Client } from 'ldapts';
import { assertPortFree, makeRunDir, run, spawnDaemon, waitUntilReady } from './process.ts';
import type { Daemon } from './process.ts';
import { SAMBA_FIXTURE as F } from './samba-fixture.ts';
import { cachedTemplate, provisionDomain, sambaTool } from './samba-template.ts';

export const SAMBA_BINARIES = ['samba', 'samba-tool'] as const;

export interface SambaOptions {
  /** Server certificate and key, and the CA that signed them. */
  tls: { certPem: string; keyPem: string; caPem: string };
  /**
   * Work done once on a fresh domain (e.g. seeding) while Samba runs; its result is cached in the
   * template under `key`, so `key` must change whenever what `run` does changes.
   */
  prepare?: { key: string; run: () => Promise<void> };
  startTimeoutMs?: number;
}

export interface SambaInstance {
  dataDir: string;
  /** cached: copied from the template; built: template made this run; off: no template. */
  template: 'cached' | 'built' | 'off';
  /** Stops Samba and removes dataDir. */
  stop(): Promise<void>;
  kill(): Promise<void>;
  logTail(lines?: number): string;
}

function smbConf(dir: string): string {
  // Only the LDAP service: no smbd, winbindd, KDC or RPC children (faster start, fewer ports,
  // nothing to orphan). Written from scratch, so the template's paths never leak in.
  return `[global]
	netbios name = ${F.hostName.toUpperCase()}
	realm = ${F.realm}
	workgroup = ${F.domain}
	server role = active directory domain controller
	server services = ldap
	interfaces = lo
	bind interfaces only = yes
	private dir = ${dir}/private
	lock directory = ${dir}
	pid directory = ${dir}
	state directory = ${dir}/state
	cache directory = ${dir}/cache
	binddns dir = ${dir}/bind-dns
	log file = ${dir}/log.%m
	idmap_ldb:use rfc2307 = yes
	tls enabled = yes
	tls keyfile = ${dir}/tls/key.pem
	tls certfile = ${dir}/tls/cert.pem
	tls cafile = ${dir}/tls/ca.pem
`;
}

/** Admin bind over LDAPS with our CA: proves Samba is up *and* serving our certificate. */
async function answers(caPem: string): Promise<boolean> {
  const client = new Client({ url: F.ldapsUrl, connectTimeout: 1_000, timeout: 3_000, tlsOptions: { ca: caPem } });
  try {
    await client.bind(`Administrator@${F.realm}`, F.adminPassword);
    return true;
  } finally {
    await client.unbind().catch(() => {});
  }
}

/** Writes smb.conf and the TLS files into a provisioned dir, starts Samba and waits for LDAPS. */
async function launch(dir: string, opts: SambaOptions): Promise<Daemon> {
  await mkdir(join(dir, 'tls'), { recursive: true });
  await writeFile(join(dir, 'tls/cert.pem'), opts.tls.certPem);
  await writeFile(join(dir, 'tls/ca.pem'), opts.tls.caPem);
  // Samba refuses a key file others can read.
  await writeFile(join(dir, 'tls/key.pem'), opts.tls.keyPem, { mode: 0o600 });
  await writeFile(join(dir, 'etc/smb.conf'), smbConf(dir));
  // -i: foreground, log to stdout; -M single: one process.
  const args = ['-i', '-M', 'single', '-s', join(dir, 'etc/smb.conf')];
  const daemon = spawnDaemon(sambaTool('samba'), args, join(dir, 'samba.log'));
  try {
    await waitUntilReady('Samba AD DC (ldaps://localhost:636)', daemon, () => answers(opts.tls.caPem), opts.startTimeoutMs ?? 60_000, 100);
    return daemon;
  } catch (err) {
    await daemon.kill();
    throw err;
  }
}

/**
 * A template may be reused for months: without this, Administrator's password would expire
 * 42 days after provisioning (AD default maxPwdAge) and every bind would get 532. Over LDAP
 * rather than `samba-tool domain passwordsettings` (2 s of Python start-up).
 */
async function neverExpirePasswords(caPem: string): Promise<void> {
  const client = new Client({ url: F.ldapsUrl, connectTimeout: 3_000, timeout: 10_000, tlsOptions: { ca: caPem } });
  try {
    await client.bind(`Administrator@${F.realm}`, F.adminPassword);
    const never = new Attribute({ type: 'maxPwdAge', values: ['-9223372036854775808'] });
    await client.modify(F.baseDn, new Change({ operation: 'replace', modification: never }));
  } finally {
    await client.unbind().catch(() => {});
  }
}

/** Domain-wide settings plus the caller's preparation, on a freshly provisioned domain. */
async function prepareDomain(daemon: Daemon, opts: SambaOptions): Promise<void> {
  await withLogTail(daemon, async () => {
    await neverExpirePasswords(opts.tls.caPem);
    await opts.prepare?.run();
  });
}

async function withLogTail<T>(daemon: Daemon, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    await daemon.kill();
    throw new Error(`${(err as Error).message}\nSamba log tail:\n${daemon.logTail()}`);
  }
}

export async function startSamba(opts: SambaOptions): Promise<SambaInstance> {
  // Samba would log a bind failure and carry on without the port; fail clearly instead.
  await assertPortFree(389, '127.0.0.1', 'Samba AD DC');
  await assertPortFree(636, '127.0.0.1', 'Samba AD DC');
  const dataDir = await makeRunDir('dirsync-samba-');
  try {
    let template: SambaInstance['template'] = 'off';
    let daemon: Daemon;
    const cache = process.env.DIRSYNC_TEST_CACHE ?? (process.env.CI === 'true' ? 'off' : 'on');
    if (cache === 'off') {
      await provisionDomain(dataDir);
      daemon = await launch(dataDir, opts);
      await prepareDomain(daemon, opts);
    } else {
      const tpl = await cachedTemplate(opts.prepare?.key ?? '', async (dir) => {
        const builder = await launch(dir, opts);
        await prepareDomain(builder, opts);
        await builder.stop();
      });
      template = tpl.cached ? 'cached' : 'built';
      await run('cp', ['-a', `${tpl.dir}/.`, dataDir]);
      daemon = await launch(dataDir, opts);
    }
    return {
      dataDir,
      template,
      async stop() {
        await daemon.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
      kill: () => daemon.kill(),
      logTail: (lines) => daemon.logTail(lines),
    };
  } catch (err) {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}
