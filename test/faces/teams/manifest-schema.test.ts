import type { TeamsAppManifest } from '@microsoft/teams-manifest';
import { describe, expect, it } from 'vitest';
import { teamsManifest, TEAMS_MANIFEST_VERSION } from '../../../src/faces/teams/app-manifest.ts';
import { CHAT_HELP } from '../../../src/commands/registry.ts';

const OPTS = { appId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301', publicUrl: 'https://dirsync.example.com:8443/ops/', version: '1.4.2' };

/**
 * The manifest against Microsoft's own description of it. `@microsoft/teams-manifest` ships the
 * schema as TypeScript types (TeamsAppManifest); the JSON schema itself it downloads from the
 * manifest's $schema URL, which tests must not reach. So the types are what is checked here, by
 * `tsc --noEmit` (the assignment below does not compile if a required field is missing or a
 * field has the wrong type or value, e.g. an unknown scope), and the limits the types cannot say
 * are checked at run time.
 */
describe('the Teams app manifest', () => {
  const manifest: TeamsAppManifest = teamsManifest(OPTS);

  it('is a TeamsAppManifest of the schema version it names', () => {
    expect(manifest.manifestVersion).toBe(TEAMS_MANIFEST_VERSION);
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/en-us/json-schemas/teams/v${TEAMS_MANIFEST_VERSION}/MicrosoftTeams.schema.json`);
  });

  it("keeps to the schema's limits: 10 commands a list, titles of 32 and descriptions of 128 characters, names and descriptions within bounds", () => {
    const bot = manifest.bots![0]!;
    for (const list of bot.commandLists!) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const c of list.commands) {
        expect(c.title.length).toBeLessThanOrEqual(32);
        expect(c.description.length).toBeLessThanOrEqual(128);
      }
    }
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.name.full!.length).toBeLessThanOrEqual(100);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full!.length).toBeLessThanOrEqual(4000);
    expect(manifest.developer.name.length).toBeLessThanOrEqual(32);
    expect(manifest.accentColor).toMatch(/^#[0-9a-fA-F]{6}$/);
  });

  it('offers the ten most used commands in every scope; help lists every command', () => {
    const lists = manifest.bots![0]!.commandLists!;
    expect(lists.map((l) => l.scopes)).toEqual([['personal'], ['team'], ['groupChat']]);
    const titles = lists[0]!.commands.map((c) => c.title);
    expect(titles).toHaveLength(10);
    expect(titles[0]).toBe('help');
    for (const l of lists) expect(l.commands.map((c) => c.title)).toEqual(titles);
    // What the menu leaves out, help still lists.
    for (const missing of ['sync all', 'delete', 'alerts', 'roles']) expect(CHAT_HELP.some((h) => h.usage.startsWith(missing))).toBe(true);
  });
});
