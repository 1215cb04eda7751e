import { describe, expect, it } from 'vitest';
import { exampleText, usageText } from '../../src/core/command-grammar.ts';
import { CommandError } from '../../src/core/errors.ts';
import { ROLES, atLeast, type Role } from '../../src/core/roles.ts';
import { addIntegration } from '../../src/commands/integration/add.ts';
import { COMMANDS, ENTRIES, entriesFor, inputOf, runEntry } from '../../src/commands/registry.ts';
import { COMMAND_ROUTES } from '../../src/faces/dashboard/command-routes.ts';
import { parseChat, runChatCommand } from '../../src/faces/chat/run-chat-command.ts';
import { commandHelp, groupHelp, GROUPS, pathsOf } from '../../src/faces/cli/help.ts';
import { backends } from '../support/databases.ts';
import { adInput } from '../support/fixtures.ts';
import { testAccount } from '../support/context.ts';
import { useDatabase } from '../support/suite.ts';
import { cliWithoutDatabase } from '../support/cli.ts';

const below = (role: Role) => ROLES.filter((r) => !atLeast(r, role));

describe('the command registry', () => {
  it('describes each command once, with words no other entry uses, and the faces it is on', () => {
    const names = COMMANDS.map((c) => c.spec.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name, name).toMatch(/^[a-z_]+\.[a-z_]+$/);
    const ids = ENTRIES.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of ENTRIES) {
      expect(e.spec.faces.length, e.id).toBeGreaterThan(0);
      expect(e.spec.summary, e.id).not.toBe('');
    }
    // Paths the CLI reads (words and aliases) are unique too: one command per path.
    const paths = entriesFor('cli').flatMap((e) => pathsOf(e).map((p) => p.join(' ')));
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('offers every chat entry in the chat grammar: its example parses back to it', () => {
    for (const entry of entriesFor('chat')) {
      const parsed = parseChat(exampleText(entry), { mention: (t) => t });
      expect(parsed, usageText(entry)).toMatchObject({ kind: 'command', id: entry.id });
    }
    // …and nothing else: CLI-only and dashboard-only words are not chat commands.
    for (const entry of ENTRIES.filter((e) => !e.spec.faces.includes('chat') && !entriesFor('chat').some((c) => c.id === e.id))) {
      expect(parseChat(exampleText(entry)), entry.id).not.toMatchObject({ kind: 'command', id: entry.id });
    }
  });

  it('offers every CLI entry on the CLI: `dirsync <words> --help` prints its usage, under every alias, without a database', async () => {
    for (const entry of entriesFor('cli')) {
      for (const path of pathsOf(entry)) {
        const { stdout, code, opened } = await cliWithoutDatabase([...path, ...entry.args.filter((a) => !a.optional && !a.rest).map((a) => a.example), '--help']);
        // `dirsync roles --help` is about the group (`roles` alone lists).
        const expected = path.length === 1 && GROUPS[path[0]!] ? groupHelp(path[0]!) : commandHelp(entry);
        expect([code, stdout, opened], path.join(' ')).toEqual([0, expected, false]);
      }
    }
  });

  it('gives every dashboard entry a route, and every route a dashboard entry', () => {
    const dashboard = entriesFor('dashboard').filter((e) => !e.spec.header);
    expect(dashboard.map((e) => e.id).sort()).toEqual(Object.keys(COMMAND_ROUTES).sort());
  });
});

describe.each(backends)('every command refuses anyone below its role, on every face it is on ($name)', (backend) => {
  const db = useDatabase(backend);

  it('chat: each command, said by each role below its own, is refused as forbidden; at its role it is not', async () => {
    const { as } = await testAccount(db.store);
    await addIntegration({ ctx: as('admin'), input: adInput({ name: 'corp-ad' }) });
    for (const entry of entriesFor('chat')) {
      const text = exampleText(entry);
      for (const role of below(entry.minRole)) {
        const refused = await runChatCommand({ ...as(role, 'U1', 'slack'), origin: { platform: 'slack', channel: 'C1' } }, parseChat(text, { mention: (t) => t })).catch((e: unknown) => e);
        expect(refused, `${role}: ${text}`).toBeInstanceOf(CommandError);
        expect((refused as CommandError).code, `${role}: ${text}`).toBe('forbidden');
      }
      const allowed = await runChatCommand({ ...as(entry.minRole, 'U1', 'slack'), origin: { platform: 'slack', channel: 'C1' } }, parseChat(text, { mention: (t) => t })).catch((e: unknown) => e);
      // It may still fail (an unknown request id), but not for want of a role.
      if (allowed instanceof CommandError) expect(allowed.code, `${entry.minRole}: ${text}`).not.toBe('forbidden');
      else expect(allowed, text).toMatchObject({ message: { summary: expect.any(Array) } });
    }
  });

  it('CLI and dashboard: the command itself refuses a role below its own before reading its input', async () => {
    const { as } = await testAccount(db.store);
    for (const entry of ENTRIES) {
      for (const role of below(entry.minRole)) {
        const refused = await runEntry(entry, as(role, 'someone', 'web'), inputOf(entry, {})).catch((e: unknown) => e);
        expect((refused as CommandError).code, `${role}: ${entry.id}`).toBe('forbidden');
      }
    }
  });
});
