import { slackManifest } from '../slack/manifest.ts';
import { parseFlags, positionals } from './args.ts';
import { SLACK_HELP } from './built-in-help.ts';
import { UsageError } from './io.ts';
import { json } from './render.ts';
import { help, type Handler } from './session.ts';

/**
 * `dirsync slack manifest`: the app manifest to paste into Slack. It needs no database, so it
 * never opens the session's context (it works before the first migration, on any machine).
 */
export const slack: Handler = async ([sub, ...rest], session) => {
  if (sub === 'help' || sub === '--help' || sub === '-h') return help(session, SLACK_HELP);
  if (sub === undefined) return help(session, SLACK_HELP, 2);
  if (sub !== 'manifest') throw new UsageError(`unknown sub-command "slack ${sub}"`, SLACK_HELP);
  const { values, positionals: pos } = parseFlags(rest, { url: { type: 'string' }, 'socket-mode': { type: 'boolean' } }, SLACK_HELP);
  if (values.help) return help(session, SLACK_HELP);
  positionals(pos, [], SLACK_HELP);
  const socketMode = values['socket-mode'] ?? false;
  if (socketMode && values.url !== undefined) throw new UsageError('--url and --socket-mode exclude each other: Socket Mode needs no public URL', SLACK_HELP);
  // The CLI is an entry point, so it may read its environment; an explicit flag wins.
  const publicUrl = socketMode ? null : (values.url ?? (session.io.env.DIRSYNC_PUBLIC_URL || null));
  if (!socketMode && publicUrl === null) {
    throw new UsageError('Slack needs a public URL: pass --url https://<public host> (or set DIRSYNC_PUBLIC_URL), or --socket-mode when the server cannot be reached from the internet', SLACK_HELP);
  }
  let manifest: object;
  try {
    manifest = slackManifest({ publicUrl, socketMode });
  } catch (e) {
    throw new UsageError((e as Error).message, SLACK_HELP);
  }
  // JSON either way: Slack's manifest editor takes JSON, so --json changes nothing.
  session.io.stdout(json(manifest));
  return 0;
};
