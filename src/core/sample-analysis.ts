import { checkDn } from './dn.ts';
import { isMapped, type AttributeMap } from './integration.ts';
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

/**
 * attributes stage: who lacks mail / proxyAddresses. Failing only when neither address attribute
 * comes back on any sampled user; one of them never coming back is a warning that says what is lost.
 */
export function analyzeAttributes(entries: SampleEntry[], map: AttributeMap): Finding {
  const lacking = (attribute: string) => entries.filter((e) => values(e, attribute).length === 0).map((e) => e.dn);
  const n = entries.length;
  const sampled = plural(n, 'sampled user');
  const address = [map.mail, ...(isMapped(map.proxyAddresses) ? [map.proxyAddresses] : [])];
  const never = address.filter((a) => lacking(a).length === n);
  if (never.length === address.length) {
    const names = address.join(' and ');
    const none = isMapped(map.proxyAddresses) ? '' : ' (proxyAddresses is mapped to none)';
    return {
      status: 'fail',
      detail: `${names} not returned for any of the ${sampled}${none}`,
      failure: {
        finding: 'missing_attributes',
        message: `${names} came back on none of the ${sampled}${none}: the attribute is misnamed in the mapping, absent from the directory, or not readable by the service account.`,
      },
    };
  }
  const partly = (attribute: string) => {
    const dns = lacking(attribute);
    return dns.length && dns.length < n ? [`${dns.length} of ${n} without ${attribute}${examples(dns)}`] : [];
  };
  const noId = lacking(map.uniqueId);
  const notes = [
    ...(never.includes(map.proxyAddresses) ? [`${map.proxyAddresses} not returned for any of the ${sampled}: aliases will not be synced, only each user's ${map.mail}; the vendor guidance recommends configuring both (map it with --attr proxyAddresses=ATTRIBUTE, or declare that the directory has none with --attr proxyAddresses=)`] : []),
    ...(never.includes(map.mail) ? [`${map.mail} not returned for any of the ${sampled}: primary addresses come only from ${map.proxyAddresses} (SMTP:); the vendor guidance recommends configuring both`] : []),
    ...partly(map.mail),
    ...(isMapped(map.proxyAddresses) ? partly(map.proxyAddresses) : []),
    ...(noId.length ? [`${noId.length} of ${n} without ${map.uniqueId}, so they cannot be synced${examples(noId)}`] : []),
  ];
  if (notes.length > 0) return { status: 'warn', detail: notes.join('; ') };
  const present = isMapped(map.proxyAddresses) ? `${map.mail}, ${map.proxyAddresses} and ${map.uniqueId}` : `${map.mail} and ${map.uniqueId} (proxyAddresses: none)`;
  return { status: 'pass', detail: `${present} present on all ${sampled}` };
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
