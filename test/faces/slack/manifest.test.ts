import { describe, expect, it } from 'vitest';
import { slackManifest } from '../../../src/faces/slack/manifest.ts';

// Loosely typed view of the manifest: the tests check Slack's field names, not our types.
type Manifest = Record<string, any>;
const manifest = (opts: Parameters<typeof slackManifest>[0]) => slackManifest(opts) as Manifest;
const EVENTS = 'https://dirsync.example.com/slack/events';

describe('slackManifest', () => {
  it('points the command and interactivity at /slack/events in HTTP mode, and subscribes to no event it does not handle', () => {
    const m = manifest({ publicUrl: 'https://dirsync.example.com', socketMode: false });
    expect(m._metadata).toEqual({ major_version: 1, minor_version: 1 });
    expect(m.display_information).toMatchObject({ name: 'dirsync', description: 'Directory sync alerts, approvals and commands' });
    expect(m.display_information.background_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(m.features.bot_user).toEqual({ display_name: 'dirsync', always_online: true });
    expect(m.features.slash_commands).toEqual([expect.objectContaining({ command: '/dirsync', url: EVENTS, should_escape: true })]);
    expect(m.features.slash_commands[0].usage_hint).toContain('approve <id>');
    expect(m.settings).toEqual({
      interactivity: { is_enabled: true, request_url: EVENTS },
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    });
  });

  it('has no request URL at all in Socket Mode', () => {
    const m = manifest({ publicUrl: null, socketMode: true });
    expect(JSON.stringify(m)).not.toContain('url');
    expect(m.settings).toEqual({ interactivity: { is_enabled: true }, org_deploy_enabled: false, socket_mode_enabled: true, token_rotation_enabled: false });
    expect(m.features.slash_commands[0]).toMatchObject({ command: '/dirsync', should_escape: true });
  });

  it('asks for the bot scopes dirsync uses, and only those', () => {
    for (const socketMode of [false, true]) {
      const m = manifest({ publicUrl: 'https://dirsync.example.com', socketMode });
      expect(m.oauth_config.scopes.bot.sort()).toEqual(
        ['chat:write', 'chat:write.public', 'commands'],
      );
    }
  });

  it('normalizes trailing slashes and keeps a path prefix and port', () => {
    expect(manifest({ publicUrl: 'https://dirsync.example.com///', socketMode: false }).settings.interactivity.request_url).toBe(EVENTS);
    expect(manifest({ publicUrl: ' https://proxy.example.com:8443/dirsync/ ', socketMode: false }).features.slash_commands[0].url).toBe(
      'https://proxy.example.com:8443/dirsync/slack/events',
    );
  });

  it('refuses plain http, a missing URL and URLs with credentials or a query', () => {
    expect(() => slackManifest({ publicUrl: 'http://dirsync.example.com', socketMode: false })).toThrow(/only sends requests to https:\/\//);
    expect(() => slackManifest({ publicUrl: null, socketMode: false })).toThrow(/needs the public https:\/\/ URL/);
    expect(() => slackManifest({ publicUrl: '  ', socketMode: false })).toThrow(/needs the public https:\/\/ URL/);
    expect(() => slackManifest({ publicUrl: 'dirsync.example.com', socketMode: false })).toThrow(/is not a URL/);
    expect(() => slackManifest({ publicUrl: 'https://u:p@dirsync.example.com', socketMode: false })).toThrow(/without credentials/);
    expect(() => slackManifest({ publicUrl: 'https://dirsync.example.com/?a=1', socketMode: false })).toThrow(/without credentials, query/);
  });

  it('takes another app name and command, and refuses a malformed command', () => {
    const m = manifest({ publicUrl: null, socketMode: true, appName: 'dirsync-staging', command: '/dirsync-staging' });
    expect(m.display_information.name).toBe('dirsync-staging');
    expect(m.features.slash_commands[0].command).toBe('/dirsync-staging');
    expect(() => slackManifest({ publicUrl: null, socketMode: true, command: 'dirsync' })).toThrow(/must look like \/dirsync/);
  });
});
