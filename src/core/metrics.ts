type Labels = { account: string; integration: string };

export interface MetricsSnapshot {
  runs: (Labels & { status: string; failureClass: string | null; count: number })[];
  lastSuccess: (Labels & { at: Date | null })[];
  held: (Labels & { status: string; kind: string; count: number })[];
  durations: (Labels & { seconds: number })[];
}

const BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600];

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labels = (l: Record<string, string | null>) =>
  `{${Object.entries(l).filter(([, v]) => v !== null).map(([k, v]) => `${k}="${escape(v!)}"`).join(',')}}`;

/** The Prometheus text exposition format (version 0.0.4). */
export function renderMetrics(m: MetricsSnapshot): string {
  const out: string[] = [];
  const family = (name: string, type: string, help: string) => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  family('dirsync_sync_runs_total', 'counter', 'Sync runs by final or current status and failure class.');
  for (const r of m.runs) out.push(`dirsync_sync_runs_total${labels({ account: r.account, integration: r.integration, status: r.status, failure_class: r.failureClass })} ${r.count}`);
  family('dirsync_last_successful_sync_timestamp_seconds', 'gauge', 'Unix time of the last successful sync (0: never).');
  for (const r of m.lastSuccess) out.push(`dirsync_last_successful_sync_timestamp_seconds${labels({ account: r.account, integration: r.integration })} ${r.at ? r.at.getTime() / 1000 : 0}`);
  family('dirsync_pending_destructive_changes', 'gauge', 'Destructive changes held by the gate or awaiting approval.');
  for (const r of m.held) out.push(`dirsync_pending_destructive_changes${labels({ account: r.account, integration: r.integration, status: r.status, kind: r.kind })} ${r.count}`);
  family('dirsync_sync_run_duration_seconds', 'histogram', 'Duration of finished sync runs.');
  const series = new Map<string, { labels: Labels; seconds: number[] }>();
  for (const d of m.durations) {
    const key = `${d.account}\0${d.integration}`;
    const entry = series.get(key) ?? { labels: { account: d.account, integration: d.integration }, seconds: [] };
    entry.seconds.push(d.seconds);
    series.set(key, entry);
  }
  for (const { labels: l, seconds } of series.values()) {
    for (const le of BUCKETS) out.push(`dirsync_sync_run_duration_seconds_bucket${labels({ ...l, le: String(le) })} ${seconds.filter((s) => s <= le).length}`);
    out.push(`dirsync_sync_run_duration_seconds_bucket${labels({ ...l, le: '+Inf' })} ${seconds.length}`);
    out.push(`dirsync_sync_run_duration_seconds_sum${labels(l)} ${seconds.reduce((a, b) => a + b, 0)}`);
    out.push(`dirsync_sync_run_duration_seconds_count${labels(l)} ${seconds.length}`);
  }
  return `${out.join('\n')}\n`;
}
