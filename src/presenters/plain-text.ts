import { shortened, type Message, type Part, type Rich } from './message.ts';

/**
 * A Message as plain text: the CLI's output for commands it has no table of its own for, and the
 * dashboard's tooltips. No markup survives: names as they are, chat commands as the `dirsync …`
 * to type on the CLI, times in UTC.
 */
export function plainText(message: Message): string {
  return `${message.parts.flatMap(partLines).join('\n')}\n`;
}

function plain(text: Rich): string {
  return text
    .map((p) => {
      if (typeof p === 'string') return p;
      switch (p.mark) {
        case 'bold':
          return plain(p.text);
        case 'italic':
        case 'code':
        case 'phrase':
          return p.text.replaceAll('`', '');
        case 'command':
          return `dirsync ${p.text}`;
        case 'who':
          return p.identity;
        case 'when': {
          const iso = new Date(p.time).toISOString();
          return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
        }
        case 'quote':
          return `“${p.text}”`;
        case 'channel':
          return `${p.platform} ${p.channel}`;
        case 'br':
          return '\n  ';
      }
    })
    .join('');
}

function partLines(part: Part): string[] {
  switch (part.kind) {
    case 'heading':
      return [plain(part.text)];
    case 'text':
      return part.lines.map(plain);
    case 'list':
      return [...(part.title ? [plain(part.title)] : []), ...shortened(part, (line) => `  ${plain(line)}`, () => 0)];
    case 'fields': {
      const width = Math.max(...part.fields.map((f) => f.label.length));
      return part.fields.map((f) => `  ${f.label.padEnd(width)}  ${plain(f.value)}`);
    }
    case 'note':
      return part.only === undefined ? [plain(part.text)] : [];
    case 'diagnostic':
      return [`Diagnostic: ${part.text}`];
    case 'steps':
      return [part.title, ...part.items.map((item, i) => `  ${i + 1}. ${item}`)];
    case 'group':
      return part.parts.flatMap(partLines);
  }
}
