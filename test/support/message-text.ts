import { spec } from '../../src/presenters/buttons.ts';
import { shortened, type Message, type Part, type Rich } from '../../src/presenters/message.ts';

/**
 * A neutral message as plain text, so presenter tests can say what is said without any
 * platform's markup: *bold*, `code`, ⟨chat command⟩, @identity, times in UTC, #channel.
 */
export function richText(text: Rich): string {
  return text
    .map((p) => {
      if (typeof p === 'string') return p;
      switch (p.mark) {
        case 'bold':
          return `*${richText(p.text)}*`;
        case 'italic':
          return `_${p.text}_`;
        case 'code':
          return `\`${p.text}\``;
        case 'command':
          return `⟨${p.text}⟩`;
        case 'phrase':
          return p.text;
        case 'who':
          return `@${p.identity}`;
        case 'when': {
          const iso = new Date(p.time).toISOString();
          return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
        }
        case 'quote':
          return `“${p.text}”`;
        case 'channel':
          return p.here ? `#${p.channel} (here)` : `#${p.channel}`;
        case 'br':
          return '\n';
      }
    })
    .join('');
}

function partText(part: Part): string[] {
  switch (part.kind) {
    case 'heading':
      return [`# ${richText(part.text)}`];
    case 'text':
      return part.lines.map(richText);
    case 'list':
      return [...(part.title ? [richText(part.title)] : []), ...shortened(part, richText, () => 0)];
    case 'fields':
      return part.fields.map((f) => `${f.label}: ${richText(f.value)}`);
    case 'note':
      return [`(${part.only ? `${part.only} only: ` : ''}${richText(part.text)})`];
    case 'diagnostic':
      return [`Diagnostic: ${part.text}`];
    case 'steps':
      return [part.title, ...part.items.map((item, i) => `${i + 1}. ${item}`)];
    case 'group':
      return part.parts.flatMap(partText);
  }
}

/** Every line of the message, in reading order, then one line per button. */
export function messageText(message: Message): string {
  const buttons = message.buttons.map((b) => `[${spec(b.id).label} → ${b.value}]${b.confirm ? ` asks: ${richText(b.confirm)}` : ''}`);
  return [...message.parts.flatMap(partText), ...buttons].join('\n');
}

export const summaryText = (message: Message) => richText(message.summary);

/** The parts of a kind, groups opened up. */
export function partsOf<K extends Part['kind']>(message: Message, kind: K): Extract<Part, { kind: K }>[] {
  const all = (parts: Part[]): Part[] => parts.flatMap((p) => (p.kind === 'group' ? [p, ...all(p.parts)] : [p]));
  return all(message.parts).filter((p): p is Extract<Part, { kind: K }> => p.kind === kind);
}
