import { parseCommandLine, type GrammarOptions, type ParsedLine } from '../../core/command-grammar.ts';
import type { CommandContext } from '../../commands/context.ts';
import { CHAT_HELP, entriesFor, entryById, inputOf, runEntry } from '../../commands/registry.ts';
import { presentHelp } from '../../presenters/help.ts';
import type { Message } from '../../presenters/message.ts';

/** Reads a chat line against every command the registry offers in chat. */
export function parseChat(text: string, opts: GrammarOptions = {}): ParsedLine {
  return parseCommandLine(text, entriesFor('chat'), opts);
}

/** What a chat command answers, for Slack and Teams alike; each serializes `message` its own way. */
export interface ChatReply {
  message: Message;
  /** Posted for the channel to see (who changed what); reads stay private. */
  inChannel: boolean;
  /** Runs whose progress the reply follows, edited in place until they finish. */
  follow: readonly number[];
  /** The command's result as it came (Teams looks up the names of the people it mentions). */
  result: unknown;
}

/**
 * Runs one parsed chat command through its use case and presenter, the same for Slack and Teams
 * (docs/architecture.md#how-a-chat-command-flows). The command checks the role and the input
 * itself; this only finds it in the registry. Errors are CommandErrors.
 */
export async function runChatCommand(ctx: CommandContext, parsed: ParsedLine): Promise<ChatReply> {
  if (parsed.kind === 'help') return { message: presentHelp(CHAT_HELP, parsed.problem), inChannel: false, follow: [], result: null };
  const entry = entryById(parsed.id);
  const present = entry?.spec.present;
  if (!entry || !present) throw new Error(`the grammar returned ${parsed.id}, which the registry does not offer in chat`);
  const input = inputOf(entry, parsed.values);
  const result = await runEntry(entry, ctx, input);
  return { message: present(result, input), inChannel: entry.spec.inChannel ?? false, follow: entry.spec.follow?.(result) ?? [], result };
}
