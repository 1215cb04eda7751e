/**
 * Log lines for a person at a terminal: `12:04:31 WARN  message key=value`, from the JSON pino
 * writes (after redaction, so nothing censored comes back). A `link` field goes on a line of
 * its own, nothing else on it, ready to copy.
 */
export function prettyLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json; // not ours to reformat
  }
  const { level, time, msg, link, pid: _pid, hostname: _host, service: _service, ...fields } = entry;
  const when = typeof time === 'number' ? new Date(time).toISOString().slice(11, 19) : '';
  const rest = Object.entries(fields).map(([k, v]) => ` ${k}=${show(v)}`).join('');
  return `${when} ${(LEVELS[Number(level)] ?? String(level)).padEnd(5)} ${String(msg ?? '')}${rest}\n${typeof link === 'string' ? `${link}\n` : ''}`;
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

function show(value: unknown): string {
  if (typeof value === 'string') return /[\s"=]/.test(value) || value === '' ? JSON.stringify(value) : value;
  // An error: its message says what broke; the stack is for LOG_FORMAT=json.
  if (value && typeof value === 'object' && 'message' in value && 'stack' in value) return JSON.stringify((value as { message: unknown }).message);
  return JSON.stringify(value);
}
