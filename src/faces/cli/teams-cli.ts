import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import packageJson from '../../../package.json' with { type: 'json' };
import { buildTeamsPackage } from '../teams/app-package.ts';
import { TEAMS_MANIFEST_VERSION, validDomain } from '../teams/app-manifest.ts';
import { parseFlags, positionals } from './args.ts';
import { TEAMS_HELP } from './built-in-help.ts';
import { UsageError } from './io.ts';
import { help, print, type Handler } from './session.ts';

/**
 * `dirsync teams package`: the app package (manifest and icons, zipped) admins upload to Teams.
 * Like `slack manifest` it needs no database, so it never opens the session's context.
 */
export const teams: Handler = async ([sub, ...rest], session) => {
  if (sub === 'help' || sub === '--help' || sub === '-h') return help(session, TEAMS_HELP);
  if (sub === undefined) return help(session, TEAMS_HELP, 2);
  if (sub !== 'package') throw new UsageError(`unknown sub-command "teams ${sub}"`, TEAMS_HELP);
  const flags = {
    'app-id': { type: 'string' }, url: { type: 'string' }, out: { type: 'string' },
    developer: { type: 'string' }, 'website-url': { type: 'string' }, 'privacy-url': { type: 'string' }, 'terms-url': { type: 'string' },
  } as const;
  const { values, positionals: pos } = parseFlags(rest, flags, TEAMS_HELP);
  if (values.help) return help(session, TEAMS_HELP);
  positionals(pos, [], TEAMS_HELP);
  // The CLI is an entry point, so it may read its environment; an explicit flag wins.
  const env = session.io.env;
  const appId = (values['app-id'] ?? env.MICROSOFT_APP_ID ?? '').trim();
  const publicUrl = (values.url ?? env.DIRSYNC_PUBLIC_URL ?? '').trim();
  if (!appId) throw new UsageError("Teams needs the bot's Microsoft App ID: pass --app-id GUID (or set MICROSOFT_APP_ID)", TEAMS_HELP);
  if (!publicUrl) throw new UsageError('Teams needs the public URL of this server: pass --url https://<public host> (or set DIRSYNC_PUBLIC_URL)', TEAMS_HELP);
  if (values.out === '') throw new UsageError('--out needs a file name', TEAMS_HELP);
  let zip: Buffer;
  let domain: string;
  try {
    const developer = {
      ...(values.developer !== undefined && { name: values.developer }),
      ...(values['website-url'] !== undefined && { websiteUrl: values['website-url'] }),
      ...(values['privacy-url'] !== undefined && { privacyUrl: values['privacy-url'] }),
      ...(values['terms-url'] !== undefined && { termsOfUseUrl: values['terms-url'] }),
    };
    zip = buildTeamsPackage({ appId, publicUrl, version: packageJson.version, developer });
    domain = validDomain(publicUrl);
  } catch (e) {
    throw new UsageError((e as Error).message, TEAMS_HELP);
  }
  const out = values.out ?? 'dirsync-teams.zip';
  writeFileSync(out, zip);
  print(
    session,
    { file: resolve(out), appId, validDomain: domain, manifestVersion: TEAMS_MANIFEST_VERSION },
    () =>
      `Wrote ${out} (manifest ${TEAMS_MANIFEST_VERSION}, app id ${appId}, valid domain ${domain}). ` +
      'Upload it in Teams: Apps → Manage your apps → Upload an app.\n',
  );
  return 0;
};
