// Test CA and server certificates made with the openssl CLI. `openssl ca` is used for leaves
// because it is the only OpenSSL 3.0 command that takes an arbitrary notBefore/notAfter
// (`x509 -not_before` arrived in 3.4), which expired / expiring-soon certificates need.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeRunDir, run } from './process.ts';

export interface TestCa {
  certPem: string;
  keyPem: string;
}

export interface ServerCert {
  certPem: string;
  keyPem: string;
  notBefore: Date;
  notAfter: Date;
}

export interface ServerCertOptions {
  commonName?: string;
  /** subjectAltName DNS entries; default ['localhost']. */
  dnsNames?: string[];
  /** subjectAltName IP entries, e.g. ['127.0.0.1']; default none. */
  ipAddresses?: string[];
  /** Default: one day ago (avoids clock-skew surprises). */
  notBefore?: Date;
  /** Default: one year from now. */
  notAfter?: Date;
}

const DAY_MS = 86_400_000;

/** A date n days from now (negative: in the past). */
export function daysFromNow(n: number): Date {
  return new Date(Date.now() + n * DAY_MS);
}

// EC P-256 rather than RSA: key generation is instant, and Node, GnuTLS (Samba) and
// OpenSSL (slapd) all accept it.
const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

async function inTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await makeRunDir('dirsync-certs-');
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function createTestCa(commonName = 'dirsync test CA'): Promise<TestCa> {
  return inTempDir(async (dir) => {
    await run('openssl', ['req', '-x509', ...EC_KEY, '-keyout', 'ca.key', '-out', 'ca.pem',
      '-days', '3650', '-subj', `/CN=${commonName}`,
      '-addext', 'basicConstraints=critical,CA:TRUE',
      '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], { cwd: dir });
    return { certPem: await readFile(join(dir, 'ca.pem'), 'utf8'), keyPem: await readFile(join(dir, 'ca.key'), 'utf8') };
  });
}

/** GeneralizedTime as `openssl ca -startdate/-enddate` wants it: YYYYMMDDHHMMSSZ. */
function asn1Time(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, 'Z');
}

export async function issueServerCert(ca: TestCa, opts: ServerCertOptions = {}): Promise<ServerCert> {
  const dnsNames = opts.dnsNames ?? ['localhost'];
  const ips = opts.ipAddresses ?? [];
  const notBefore = opts.notBefore ?? daysFromNow(-1);
  const notAfter = opts.notAfter ?? daysFromNow(365);
  const san = [...dnsNames.map((n) => `DNS:${n}`), ...ips.map((ip) => `IP:${ip}`)].join(',');
  return inTempDir(async (dir) => {
    await writeFile(join(dir, 'ca.pem'), ca.certPem);
    await writeFile(join(dir, 'ca.key'), ca.keyPem, { mode: 0o600 });
    await writeFile(join(dir, 'index.txt'), '');
    await writeFile(join(dir, 'serial'), '01\n');
    await writeFile(join(dir, 'ca.cnf'), [
      '[ca]', 'default_ca = test_ca',
      '[test_ca]', 'database = index.txt', 'serial = serial', 'new_certs_dir = .',
      'certificate = ca.pem', 'private_key = ca.key', 'default_md = sha256',
      'policy = policy_any', 'unique_subject = no', 'copy_extensions = none',
      '[policy_any]', 'commonName = supplied',
      '[server_ext]', 'basicConstraints = critical,CA:FALSE',
      'keyUsage = critical,digitalSignature,keyEncipherment', 'extendedKeyUsage = serverAuth',
      ...(san ? [`subjectAltName = ${san}`] : []), '',
    ].join('\n'));
    const cn = opts.commonName ?? dnsNames[0] ?? ips[0] ?? 'dirsync test server';
    await run('openssl', ['req', '-new', ...EC_KEY, '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${cn}`], { cwd: dir });
    // -rand_serial: every certificate from the same CA gets a distinct serial.
    await run('openssl', ['ca', '-batch', '-config', 'ca.cnf', '-extensions', 'server_ext', '-notext',
      '-rand_serial', '-in', 'server.csr', '-out', 'server.pem',
      '-startdate', asn1Time(notBefore), '-enddate', asn1Time(notAfter)], { cwd: dir });
    return {
      certPem: await readFile(join(dir, 'server.pem'), 'utf8'),
      keyPem: await readFile(join(dir, 'server.key'), 'utf8'),
      // openssl keeps whole seconds only
      notBefore: new Date(Math.floor(notBefore.getTime() / 1000) * 1000),
      notAfter: new Date(Math.floor(notAfter.getTime() / 1000) * 1000),
    };
  });
}
