import type { FC } from 'hono/jsx';
import type { Inline, Rich } from '../src/presenters/message.ts';

/** Who someone is on the dashboard: a dashboard login by itself, anyone else by their identity. */
const person = (identity: string) => (identity.startsWith('web:') ? identity.slice(4) : identity);

const Piece: FC<{ p: Inline }> = ({ p }) => {
  if (typeof p === 'string') return <>{p}</>;
  switch (p.mark) {
    case 'bold':
      return <strong><RichText text={p.text} /></strong>;
    case 'italic':
      return <em>{p.text}</em>;
    case 'code':
    case 'command':
      return <code>{p.text}</code>;
    case 'phrase':
      return <>{p.text.replaceAll('`', '')}</>;
    case 'who':
      return <>{person(p.identity)}</>;
    case 'when':
      return <time datetime={new Date(p.time).toISOString()}>{new Date(p.time).toISOString().slice(0, 16).replace('T', ' ')} UTC</time>;
    case 'quote':
      return <q>{p.text}</q>;
    case 'channel':
      return <>{p.channel}</>;
    case 'br':
      return <br />;
  }
};

/** A presenter's structured text as HTML; every string is escaped by JSX. */
export const RichText: FC<{ text: Rich }> = ({ text }) => <>{text.map((p) => <Piece p={p} />)}</>;
