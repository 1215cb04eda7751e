import { classify, normalized, type Observation } from './classify.ts';
import { checklistFor, EXPLANATIONS, type FailureClass, type FailureReason } from './failures.ts';
import { failureSpecifics, redact, type FailureContext } from './failure-message.ts';
import { CERTIFICATE_WARNING_DAYS, daysUntil } from './integration-warnings.ts';
import type { CertificateInfo } from './ports.ts';
import { ProbeFailure, type ConnectionProbe, type DirectoryConnector, type ProbeSettings, type TlsOutcome } from './probe.ts';
import { nothingMatches } from './read-sanity.ts';
import { analyzeAttributes, analyzeEncoding } from './sample-analysis.ts';
import { API_STAGES, STAGES, type StageName, type StageStatus } from './stages.ts';
import type { CertificateReport, FailureReport, StageResult, TestReport } from './test-report.ts';

export type { CertificateReport, FailureReport, StageResult, TestReport } from './test-report.ts';

export interface TestPlan {
  integration: string;
  /** One entry per configured URL, in fail-over order. */
  servers: ProbeSettings[];
  baseDns: string[];
  sampleSize: number;
}

export interface TestRuntime {
  connector: DirectoryConnector;
  /** Monotonic milliseconds, for durations. */
  clock: () => number;
  now: () => Date;
  onStage?: (stage: StageResult) => void;
}

type Outcome = { status: StageStatus; detail: string };

/** Runs the test's stages (stages.ts) in order against the first reachable server. Directory faults never throw. */
export async function runConnectionTest(plan: TestPlan, rt: TestRuntime): Promise<TestReport> {
  return (await new TestRun(plan, rt).run('encoding')).report;
}

/**
 * A sync's way in: the same stages up to base_dn, so a sync's connection failures are
 * classified exactly like a test's. On success the caller owns the open probe.
 */
export async function connectDirectory(plan: Omit<TestPlan, 'sampleSize'>, rt: TestRuntime): Promise<{ report: TestReport; probe: ConnectionProbe | null }> {
  return new TestRun({ ...plan, sampleSize: 0 }, rt).run('base_dn');
}

/** The stages a plan runs: API kinds have their own (stages.ts). */
const stagesOf = (plan: Pick<TestPlan, 'servers'>): readonly StageName[] => (plan.servers[0]?.api ? API_STAGES : STAGES);

/** A classified failure from a probe's raw facts: used by tests and by syncs reading a directory. */
export function failureReport(stage: StageName, e: ProbeFailure, elapsedMs: number, timeoutMs: number, context: FailureContext, secrets: string[]): FailureReport {
  const observation: Observation = normalized({ ...e.observation, stage, elapsedMs, timeoutMs });
  const { class: cls, reason } = classify(observation);
  const message = redact(`${EXPLANATIONS[reason]}${failureSpecifics(reason, observation, e.certificate, context)}`, secrets);
  const diagnostic = redact(observation.message || observation.diagnostic || '', secrets);
  return { class: cls, reason, stage, message, diagnostic, checklist: checklistFor(reason) };
}

class Stopped extends Error {}

class TestRun {
  private readonly report: TestReport;
  private readonly secrets: string[];
  private readonly plan: TestPlan;
  private readonly rt: TestRuntime;

  constructor(plan: TestPlan, rt: TestRuntime) {
    this.plan = plan;
    this.rt = rt;
    this.report = { integration: plan.integration, ok: false, stages: [], failure: null, certificate: null };
    this.secrets = plan.servers.flatMap((s) => [s.bindPassword, ...(s.clientKeyPem ? [s.clientKeyPem] : []), ...(s.api ? [s.api.secret] : [])]);
  }

  /** Runs the stages up to and including `last`; the probe stays open only if all passed and `last` is not the final stage. */
  async run(ldapLast: 'base_dn' | 'encoding'): Promise<{ report: TestReport; probe: ConnectionProbe | null }> {
    const stages = stagesOf(this.plan);
    // For API kinds, connecting ends with the token and a full test with the attributes.
    const last: StageName = stages === STAGES ? ldapLast : ldapLast === 'base_dn' ? 'token' : 'attributes';
    let probe: ConnectionProbe | null = null;
    let keep = false;
    try {
      const reached = await this.reachServer();
      probe = reached.probe;
      await this.stages(reached.probe, reached.settings, last);
      keep = last !== stages.at(-1);
    } catch (e) {
      if (!(e instanceof Stopped)) throw e;
    } finally {
      if (!keep) await probe?.close().catch(() => {});
    }
    const failedAt = this.report.failure?.stage;
    const end = stages.indexOf(last) + 1;
    for (const name of stages.slice(this.report.stages.length, end)) {
      this.push({ name, status: 'skipped', durationMs: 0, detail: failedAt ? `skipped: ${failedAt} failed` : 'skipped' });
    }
    this.report.ok = this.report.failure === null;
    return { report: this.report, probe: keep ? probe : null };
  }

  private async stages(probe: ConnectionProbe, s: ProbeSettings, last: StageName): Promise<void> {
    const at = { host: probe.host, port: probe.port };
    const t = s.operationTimeoutMs;
    await this.stage('tls', t, at, () => probe.secure(), (outcome) => this.describeTls(outcome));
    if (s.api) return this.apiStages(probe, s, last);
    await this.stage('bind', t, at, () => probe.bind(), () => ({ status: 'pass', detail: `bound as ${s.bindDn}` }));
    const where: FailureContext = { ...at };
    await this.stage('base_dn', t, where, async () => {
      for (const dn of this.plan.baseDns) {
        where.dn = dn;
        await probe.checkBase(dn);
      }
    }, () => ({ status: 'pass', detail: `${this.plan.baseDns.join('; ')} ${this.plan.baseDns.length === 1 ? 'exists and is' : 'exist and are'} readable` }));
    if (last === 'base_dn') return;

    const pageSize = Math.min(1000, Math.max(10, Math.ceil(this.plan.sampleSize / 2)));
    const sample = await this.stage('search', t, at, async () => {
      const users = await probe.sampleUsers(this.plan.baseDns, this.plan.sampleSize, pageSize);
      if (users.entries.length === 0) {
        throw new ProbeFailure({ finding: 'empty_result', message: nothingMatches({ userFilter: s.userFilter, baseDns: this.plan.baseDns }) });
      }
      return { users, groups: await probe.countGroups(this.plan.baseDns, this.plan.sampleSize) };
    }, ({ users, groups }) => ({
      status: 'pass',
      detail:
        `${users.entries.length}${users.complete ? '' : '+'} users read in ${users.pages} page${users.pages === 1 ? '' : 's'} of ${pageSize}` +
        `${users.complete ? '' : ` (a sample of ${this.plan.sampleSize})`}; ${groups.count}${groups.complete ? '' : '+'} groups`,
    }));
    for (const [name, analyze] of [['attributes', analyzeAttributes], ['encoding', analyzeEncoding]] as const) {
      const finding = analyze(sample.users.entries, s.attributes);
      await this.stage(name, t, at, async () => {
        if (finding.failure) throw new ProbeFailure({ finding: finding.failure.finding, message: finding.failure.message });
      }, () => finding);
    }
  }

  /** token, read and attributes: the stages of a directory read through its HTTP API. */
  private async apiStages(probe: ConnectionProbe, s: ProbeSettings, last: StageName): Promise<void> {
    const at = { host: probe.host, port: probe.port };
    const t = s.operationTimeoutMs;
    await this.stage('token', t, at, () => probe.bind(), (got) => ({ status: 'pass', detail: got || 'access token issued' }));
    if (last === 'token') return;
    const sample = await this.stage('read', t, at, async () => {
      const users = await probe.sampleUsers([], this.plan.sampleSize, Math.min(this.plan.sampleSize, 500));
      if (users.entries.length === 0) throw new ProbeFailure({ finding: 'empty_result', message: 'The API returned no users.' });
      return { users, groups: await probe.countGroups([], this.plan.sampleSize) };
    }, ({ users, groups }) => ({
      status: 'pass',
      detail: `${users.entries.length}${users.complete ? '' : '+'} users read in ${users.pages} page${users.pages === 1 ? '' : 's'}${users.complete ? '' : ` (a sample of ${this.plan.sampleSize})`}; ${groups.count}${groups.complete ? '' : '+'} groups`,
    }));
    const finding = analyzeAttributes(sample.users.entries, s.attributes);
    await this.stage('attributes', t, at, async () => {
      if (finding.failure) throw new ProbeFailure({ finding: finding.failure.finding, message: finding.failure.message });
    }, () => finding);
  }

  /** dns and tcp, failing over through the configured URLs; the first reachable server is tested. */
  private async reachServer(): Promise<{ probe: ConnectionProbe; settings: ProbeSettings }> {
    let first: { results: StageResult[]; failure: FailureReport } | null = null;
    const failedUrls: string[] = [];
    for (const settings of this.plan.servers) {
      const probe = this.rt.connector.probe(settings);
      const results: StageResult[] = [];
      let started = this.rt.clock();
      try {
        const addresses = await probe.resolve();
        const literal = addresses.length === 1 && addresses[0] === probe.host;
        results.push({ name: 'dns', status: 'pass', durationMs: this.since(started), detail: literal ? `${probe.host} is an IP address` : `${probe.host} → ${addresses.join(', ')}` });
        started = this.rt.clock();
        const address = await probe.connect(addresses);
        const after = failedUrls.length ? ` (after ${failedUrls.join('; ')})` : '';
        results.push({ name: 'tcp', status: 'pass', durationMs: this.since(started), detail: `connected to ${address} port ${probe.port}${after}` });
        results.forEach((r) => this.push(r));
        return { probe, settings };
      } catch (e) {
        const { result, failure } = this.failure(results.length === 0 ? 'dns' : 'tcp', started, settings.connectTimeoutMs, e, { host: probe.host, port: probe.port });
        failedUrls.push(`${settings.url}: ${failure.reason.replaceAll('_', ' ')}`);
        first ??= { results: [...results, result], failure };
        await probe.close().catch(() => {});
      }
    }
    if (this.plan.servers.length > 1) first!.failure.message += ` Every configured server failed: ${failedUrls.join('; ')}.`;
    first!.results.forEach((r) => this.push(r));
    this.report.failure = first!.failure;
    throw new Stopped();
  }

  /** Runs one stage; a failure is recorded and stops the test. */
  private async stage<T>(name: StageName, timeoutMs: number, context: FailureContext, run: () => Promise<T>, describe: (value: T) => Outcome): Promise<T> {
    const started = this.rt.clock();
    try {
      const value = await run();
      this.push({ name, durationMs: this.since(started), ...describe(value) });
      return value;
    } catch (e) {
      const { result, failure } = this.failure(name, started, timeoutMs, e, context);
      this.push(result);
      this.report.failure = failure;
      throw new Stopped();
    }
  }

  private failure(name: StageName, started: number, timeoutMs: number, e: unknown, context: FailureContext) {
    if (!(e instanceof ProbeFailure)) throw e;
    if (e.certificate) this.report.certificate = certificateReport(e.certificate, this.rt.now());
    const failure = failureReport(name, e, this.rt.clock() - started, timeoutMs, context, this.secrets);
    return { result: { name, status: 'fail' as const, durationMs: this.since(started), detail: failure.message }, failure };
  }

  private describeTls(outcome: TlsOutcome | null): Outcome {
    if (!outcome) return { status: 'warn', detail: 'plain LDAP without TLS: the bind password crosses the network in clear' };
    const cert = certificateReport(outcome.certificate, this.rt.now());
    this.report.certificate = cert;
    const until = `valid until ${cert.notAfter.slice(0, 10)}`;
    if (cert.daysLeft <= CERTIFICATE_WARNING_DAYS) {
      return { status: 'warn', detail: `${outcome.protocol}, certificate ${cert.subject} expires in ${cert.daysLeft} days (${until}): renew it` };
    }
    return { status: 'pass', detail: `${outcome.protocol}, certificate ${cert.subject} issued by ${cert.issuer}, ${until} (${cert.daysLeft} days)` };
  }

  private push(result: StageResult): void {
    const stage = { ...result, detail: redact(result.detail, this.secrets) };
    this.report.stages.push(stage);
    this.rt.onStage?.(stage);
  }

  private since(started: number): number {
    return Math.round(this.rt.clock() - started);
  }
}

export function certificateReport(cert: CertificateInfo, now: Date): CertificateReport {
  return { subject: cert.subject, issuer: cert.issuer, notAfter: cert.notAfter.toISOString(), daysLeft: daysUntil(cert.notAfter, now) };
}
