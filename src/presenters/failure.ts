import { group, rich, text, type Part, type Rich } from './message.ts';
import { explanationLines, type FailureFacts } from './words.ts';

/** "credential / invalid_credentials": the class and reason as the taxonomy names them. */
export const classReason = (f: Pick<FailureFacts, 'class' | 'reason'>) => `${f.class} / ${f.reason}`;

/** What broke (the title), why (the explanation, once), the raw diagnostic and what to check. */
export function failureGroup(f: FailureFacts, ...title: Rich[]): Part {
  return group(
    [
      text([...title, ...explanationLines(f).map((line) => rich`${line}`)]),
      ...(f.diagnostic ? [{ kind: 'diagnostic' as const, text: f.diagnostic }] : []),
      ...(f.checklist.length > 0 ? [{ kind: 'steps' as const, title: 'What to check:', items: f.checklist }] : []),
    ],
    { tone: 'bad' },
  );
}
