// Starts a private OpenLDAP slapd on 127.0.0.1 (free port) in a fresh temp folder, seeded with
// slapadd before start. Used by global setup and by tests that need their own instance
// (expired certificate, a server killed mid-search, …).
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'ldapts';
import { freePort, findBinary, makeRunDir, run, spawnDaemon, waitUntilReady } from './process.ts';
import type { Daemon } from './process.ts';
import { OPENLDAP_FIXTURE } from './slapd-fixture.ts';

export interface SlapdOptions {
  /** LDIF files loaded with slapadd; default: the fixture seed. [] for an empty database. */
  seedLdif?: readonly string[];
  /** Default: core, cosine, inetorgperson and the fixture's dirsync.schema. */
  schemaFiles?: readonly string[];
  /** Database ACL file (slapd.conf `access` lines); default the fixture's; null: slapd's default (read all). */
  aclFile?: string | null;
  suffix?: string;
  rootDn?: string;
  rootPassword?: string;
  /** Also serve ldaps://127.0.0.1:ldapsPort/ with this certificate. */
  tls?: { certPem: string; keyPem: string };
  /** Extra lines for the database section, e.g. 'sizelimit 5'. */
  extraConfig?: string;
  /** slapd -d level; default 'none' (errors only), 'stats' logs every operation. */
  debug?: string;
  startTimeoutMs?: number;
}

export interface SlapdInstance {
  url: string;
  ldapsUrl?: string;
  port: number;
  ldapsPort?: number;
  dataDir: string;
  readonly pid: number;
  /** Graceful stop, then removes dataDir. Safe to call more than once and after kill(). */
  stop(): Promise<void>;
  /** SIGKILL (a crash); dataDir stays until stop(). */
  kill(): Promise<void>;
  /** Starts slapd again on the same ports and data (after kill()). */
  restart(): Promise<void>;
  logTail(lines?: number): string;
}

export const SLAPD_BINARIES = ['slapd', 'slapadd'] as const;

function slapdConf(dir: string, o: Required<Omit<SlapdOptions, 'tls' | 'startTimeoutMs' | 'debug'>> & { tls: boolean }): string {
  return [
    ...o.schemaFiles.map((f) => `include ${f}`),
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    `pidfile ${dir}/slapd.pid`,
    `argsfile ${dir}/slapd.args`,
    ...(o.tls ? [`TLSCertificateFile ${dir}/server.pem`, `TLSCertificateKeyFile ${dir}/server.key`] : []),
    // rootDSE and schema stay readable for everyone, as on a typical server.
    'access to dn.base="" by * read',
    'access to dn.base="cn=Subschema" by * read',
    'database mdb',
    'maxsize 268435456',
    `suffix "${o.suffix}"`,
    `rootdn "${o.rootDn}"`,
    `rootpw ${o.rootPassword}`,
    `directory ${dir}/db`,
    'index objectClass eq',
    'index entryUUID eq',
    ...(o.aclFile ? [`include ${o.aclFile}`] : []),
    o.extraConfig,
    '',
  ].join('\n');
}

async function answers(url: string, suffix: string): Promise<boolean> {
  const client = new Client({ url, connectTimeout: 1_000, timeout: 2_000 });
  try {
    const { searchEntries } = await client.search('', { scope: 'base', attributes: ['namingContexts'] });
    // Checks it is *our* slapd, not some other server that grabbed the port.
    return String(searchEntries[0]?.namingContexts ?? '').toLowerCase().includes(suffix.toLowerCase());
  } finally {
    await client.unbind().catch(() => {});
  }
}

export async function startSlapd(opts: SlapdOptions = {}): Promise<SlapdInstance> {
  const slapd = findBinary('slapd');
  const slapadd = findBinary('slapadd');
  if (!slapd || !slapadd) throw new Error('slapd/slapadd not found (Debian: apt-get install slapd)');
  const o = {
    seedLdif: opts.seedLdif ?? OPENLDAP_FIXTURE.seedLdif,
    schemaFiles: opts.schemaFiles ?? OPENLDAP_FIXTURE.schemaFiles,
    aclFile: opts.aclFile === undefined ? OPENLDAP_FIXTURE.aclFile : opts.aclFile,
    suffix: opts.suffix ?? OPENLDAP_FIXTURE.suffix,
    rootDn: opts.rootDn ?? OPENLDAP_FIXTURE.admin.dn,
    rootPassword: opts.rootPassword ?? OPENLDAP_FIXTURE.admin.password,
    extraConfig: opts.extraConfig ?? '',
    tls: Boolean(opts.tls),
  };
  const dataDir = await makeRunDir('dirsync-slapd-');
  try {
    await mkdir(join(dataDir, 'db'));
    if (opts.tls) {
      await writeFile(join(dataDir, 'server.pem'), opts.tls.certPem);
      await writeFile(join(dataDir, 'server.key'), opts.tls.keyPem, { mode: 0o600 });
    }
    const conf = join(dataDir, 'slapd.conf');
    await writeFile(conf, slapdConf(dataDir, o));
    if (o.seedLdif.length > 0) {
      // One slapadd run (-q: skip consistency checks, fine for trusted fixtures); it adds
      // entryUUID, entryCSN and the timestamps itself.
      const seeds = await Promise.all(o.seedLdif.map((f) => readFile(f, 'utf8')));
      await writeFile(join(dataDir, 'seed.ldif'), seeds.join('\n\n'));
      await run(slapadd, ['-q', '-f', conf, '-l', join(dataDir, 'seed.ldif')]);
    }
    return await listen(slapd, conf, dataDir, o.suffix, opts);
  } catch (err) {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}

async function listen(slapd: string, conf: string, dataDir: string, suffix: string, opts: SlapdOptions): Promise<SlapdInstance> {
  // No -u/-g: slapd keeps running as whoever we are (root here), so no openldap user is needed.
  // -d keeps it in the foreground (so the pid is slapd's); 'none' still logs errors to stderr.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const ldapsPort = opts.tls ? await freePort() : undefined;
    const url = `ldap://127.0.0.1:${port}`;
    const hosts = [`ldap://127.0.0.1:${port}/`, ...(ldapsPort ? [`ldaps://127.0.0.1:${ldapsPort}/`] : [])].join(' ');
    const args = ['-f', conf, '-h', hosts, '-d', opts.debug ?? 'none'];
    const logFile = join(dataDir, 'slapd.log');
    let daemon: Daemon = spawnDaemon(slapd, args, logFile);
    const ready = () => waitUntilReady(`slapd (${url})`, daemon, () => answers(url, suffix), opts.startTimeoutMs ?? 10_000, 25);
    try {
      await ready();
    } catch (err) {
      await daemon.kill();
      // Lost the race for the port with another process: pick new ports.
      if (attempt < 3 && daemon.logTail().includes('Address already in use')) continue;
      await rm(dataDir, { recursive: true, force: true });
      throw err;
    }
    return {
      url,
      port,
      ...(ldapsPort ? { ldapsUrl: `ldaps://127.0.0.1:${ldapsPort}`, ldapsPort } : {}),
      dataDir,
      get pid() {
        return daemon.pid;
      },
      async stop() {
        await daemon.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
      kill: () => daemon.kill(),
      async restart() {
        await daemon.kill();
        daemon = spawnDaemon(slapd, args, logFile);
        await ready();
      },
      logTail: (lines) => daemon.logTail(lines),
    };
  }
}
