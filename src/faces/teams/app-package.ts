/**
 * The Teams app package admins upload ("Upload an app"): manifest.json and the two icons it
 * names, zipped flat (Teams refuses packages whose files sit in a folder).
 */
import { colorIcon, outlineIcon } from './app-icons.ts';
import { teamsManifest, type TeamsManifestOptions } from './app-manifest.ts';
import { zip } from './zip.ts';

/** Throws an Error naming the problem when an option is invalid (see teamsManifest). */
export function buildTeamsPackage(opts: TeamsManifestOptions): Buffer {
  const manifest = teamsManifest(opts);
  return zip([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: 'color.png', data: colorIcon() },
    { name: 'outline.png', data: outlineIcon() },
  ]);
}
