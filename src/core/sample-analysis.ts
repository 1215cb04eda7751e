import { checkDn } from './dn.ts';
import type { AttributeMap } from './integration.ts';
import type { SampleEntry } from './probe.ts';
import type { StageStatus } from './stages.ts';

export interface Finding {
  status: StageStatus;
  detail: string;
  /** For a failing finding: what the classifier needs and the specifics for the message. */
  failure?: { finding: 'missing_attributes' | 'invalid_utf8'; message: string };
}

const EXAMPLES = 3;
const utf8 = new TextDecoder('utf-8', { fatal: true });

const values = (entry: SampleEntry, attribute: string) => entry.attributes[attribute.toLowerCase()] ?? [];
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const examples = (dns: string[]) => (dns.length ? ` (e.g. ${dns.slice(0, EXAMPLES).join('; ')})` : '');

/** attributes stage: who lacks mail / proxyAddresses; failing when an attribute never comes back. */
export function analyzeAttributes(entries: SampleEntry[], map: AttributeMap): Finding {
  const lacking = (attribute: string) => entries.filter((e) => values(e, attribute).length === 0).map((e) => e.dn);
  const noMail = lacking(map.mail);
  const noProxy = lacking(map.proxyAddresses);
  const noId = lacking(map.uniqueId);
  const n = entries.length;
  const neverReturned = [map.mail, map.proxyAddresses].filter((a) => lacking(a).length === n);
  if (neverReturned.length > 0) {
    const names = neverReturned.join(' and ');
    return {
      status: 'fail',
      detail: `${names} not returned for any of the ${plural(n, 'sampled user')}`,
      failure: {
        finding: 'missing_attributes',
        message: `${names} came back on none of the ${plural(n, 'sampled user')}: the attribute is misnamed in the mapping, absent from the directory, or not readable by the service account.`,
      },
    };
  }
  const notes = [
    ...(noMail.length ? [`${noMail.length} of ${n} without ${map.mail}${examples(noMail)}`] : []),
    ...(noProxy.length ? [`${noProxy.length} of ${n} without ${map.proxyAddresses}${examples(noProxy)}`] : []),
    ...(noId.length ? [`${noId.length} of ${n} without ${map.uniqueId}, so they cannot be synced${examples(noId)}`] : []),
  ];
  if (notes.length === 0) return { status: 'pass', detail: `${map.mail}, ${map.proxyAddresses} and ${map.uniqueId} present on all ${plural(n, 'sampled user')}` };
  return { status: 'warn', detail: notes.join('; ') };
}

/** encoding stage: DNs that need escaping downstream (warn) and values that are not UTF-8 (fail). */
export function analyzeEncoding(entries: SampleEntry[], map: AttributeMap): Finding {
  const textAttributes = [map.mail, map.proxyAddresses, map.displayName];
  const notUtf8: string[] = [];
  const toEscape: string[] = [];
  for (const entry of entries) {
    if (entry.dn.includes('\uFFFD')) notUtf8.push(`${entry.dn} (the DN itself)`);
    for (const attribute of textAttributes) {
      if (values(entry, attribute).some((v) => !isUtf8(v))) notUtf8.push(`${attribute} of ${entry.dn}`);
    }
    const check = checkDn(entry.dn);
    if (!check.ok && check.corrected && check.problems.every((p) => p.kind === 'unescaped')) {
      toEscape.push(`${entry.dn} → ${check.corrected}`);
    }
  }
  if (notUtf8.length > 0) {
    return {
      status: 'fail',
      detail: `${plural(notUtf8.length, 'value')} not valid UTF-8${examples(notUtf8)}`,
      failure: { finding: 'invalid_utf8', message: `Not valid UTF-8: ${notUtf8.slice(0, EXAMPLES).join('; ')}${notUtf8.length > EXAMPLES ? ` and ${notUtf8.length - EXAMPLES} more` : ''}.` },
    };
  }
  if (toEscape.length > 0) {
    return { status: 'warn', detail: `${plural(toEscape.length, 'DN')} with characters that must be escaped downstream${examples(toEscape)}` };
  }
  return { status: 'pass', detail: `${plural(entries.length, 'DN')} and their values are valid UTF-8 and need no escaping` };
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
