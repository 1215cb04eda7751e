import { describe, expect, it } from 'vitest';
import { cliWithoutDatabase } from '../../support/cli.ts';

const run = cliWithoutDatabase;

describe('dirsync slack manifest', () => {
  it('prints the HTTP manifest as JSON for --url, with or without --json, without a database', async () => {
    for (const extra of [[], ['--json']]) {
      const result = await run(['slack', 'manifest', '--url', 'https://dirsync.example.com/', ...extra]);
      expect(result).toMatchObject({ code: 0, stderr: '', opened: false });
      const m = JSON.parse(result.stdout);
      expect(m.features.slash_commands[0].url).toBe('https://dirsync.example.com/slack/events');
      expect(m.settings.interactivity.request_url).toBe('https://dirsync.example.com/slack/events');
      expect(m.settings.event_subscriptions).toBeUndefined(); // dirsync handles no Events API event
      expect(m.settings.socket_mode_enabled).toBe(false);
      expect(result.stdout).toContain('\n  "display_information"'); // pretty, for pasting and review
    }
  });

  it('falls back to DIRSYNC_PUBLIC_URL, and --url wins over it', async () => {
    const fromEnv = await run(['slack', 'manifest'], { DIRSYNC_PUBLIC_URL: 'https://env.example.com' });
    expect(fromEnv.code).toBe(0);
    expect(JSON.parse(fromEnv.stdout).settings.interactivity.request_url).toBe('https://env.example.com/slack/events');
    const fromFlag = await run(['slack', 'manifest', '--url', 'https://flag.example.com'], { DIRSYNC_PUBLIC_URL: 'https://env.example.com' });
    expect(JSON.parse(fromFlag.stdout).settings.interactivity.request_url).toBe('https://flag.example.com/slack/events');
  });

  it('prints a Socket Mode manifest without request URLs, ignoring DIRSYNC_PUBLIC_URL', async () => {
    const result = await run(['slack', 'manifest', '--socket-mode'], { DIRSYNC_PUBLIC_URL: 'https://env.example.com' });
    expect(result.code).toBe(0);
    const m = JSON.parse(result.stdout);
    expect(m.settings.socket_mode_enabled).toBe(true);
    expect(result.stdout).not.toContain('example.com');
    expect(m.settings.event_subscriptions).toBeUndefined();
  });

  it('exits 2 with the reason and the help for a missing or plain-http URL', async () => {
    const missing = await run(['slack', 'manifest']);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^error: Slack needs a public URL: pass --url https:\/\/<public host>.*--socket-mode/);
    expect(missing.stderr).toContain('Usage: dirsync slack manifest');
    const http = await run(['slack', 'manifest', '--url', 'http://dirsync.example.com']);
    expect(http.code).toBe(2);
    expect(http.stderr).toMatch(/only sends requests to https:\/\//);
    const asJson = await run(['slack', 'manifest', '--url', 'http://dirsync.example.com', '--json']);
    expect(asJson.code).toBe(2);
    expect(JSON.parse(asJson.stdout).error).toMatchObject({ code: 'usage' });
    for (const r of [missing, http, asJson]) expect(r.opened).toBe(false);
  });

  it('exits 2 on --url with --socket-mode, an unknown sub-command, an unknown flag or an extra argument', async () => {
    for (const argv of [
      ['slack', 'manifest', '--socket-mode', '--url', 'https://dirsync.example.com'],
      ['slack', 'install'],
      ['slack', 'manifest', '--socket-mode', '--token', 'x'],
      ['slack', 'manifest', '--socket-mode', 'extra'],
      ['slack'],
    ]) {
      const result = await run(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toContain('Usage: dirsync slack manifest');
    }
  });

  it('shows its help on stdout with exit 0', async () => {
    for (const argv of [['slack', 'help'], ['slack', '--help'], ['slack', 'manifest', '--help']]) {
      const result = await run(argv);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain('--socket-mode');
    }
  });
});
