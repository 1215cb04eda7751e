import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildTeamsPackage } from '../../../src/faces/teams/app-package.ts';
import { commandTitle, teamsManifest } from '../../../src/faces/teams/app-manifest.ts';
import { CHAT_HELP } from '../../../src/commands/registry.ts';

const APP_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const OPTS = { appId: APP_ID, publicUrl: 'https://dirsync.example.com:8443/ops/', version: '1.4.2' };

// Plain JSON to inspect: the manifest is typed as object on purpose (it is only serialised).
const manifest = (over: Partial<typeof OPTS> = {}) => teamsManifest({ ...OPTS, ...over }) as any;

/**
 * Reads the package with Python's own zipfile and a PNG decoder written here (all five scanline
 * filters, chunk CRCs), so the test does not trust the encoder it checks.
 */
const INSPECT = String.raw`
import io, json, struct, sys, zipfile, zlib

def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)

def png(data):
    if data[:8] != b'\x89PNG\r\n\x1a\n': raise ValueError('not a PNG')
    pos, idat, ihdr, chunks = 8, b'', None, []
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack('>I', data[pos + 8 + length:pos + 12 + length])
        if zlib.crc32(kind + body) != crc: raise ValueError('bad CRC in ' + kind.decode())
        chunks.append(kind.decode())
        if kind == b'IHDR': ihdr = struct.unpack('>IIBBBBB', body)
        if kind == b'IDAT': idat += body
        pos += 12 + length
    width, height, depth, ctype, _, _, interlace = ihdr
    if (depth, ctype, interlace) != (8, 6, 0): raise ValueError('expected 8-bit RGBA, not interlaced')
    raw, stride, prev, pixels = zlib.decompress(idat), width * 4, bytearray(width * 4), []
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - 4] if i >= 4 else 0
            b = prev[i]
            c = prev[i - 4] if i >= 4 else 0
            line[i] = (line[i] + [0, a, b, (a + b) // 2, paeth(a, b, c)][kind]) & 255
        pixels += [tuple(line[i:i + 4]) for i in range(0, stride, 4)]
        prev = line
    white = (255, 255, 255, 255)
    return {
        'chunks': chunks, 'width': width, 'height': height, 'colors': len(set(pixels)),
        'white': sum(p == white for p in pixels), 'clear': sum(p[3] == 0 for p in pixels),
        'neitherWhiteNorClear': sum(p[3] != 0 and p != white for p in pixels),
    }

z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
print(json.dumps({
    'names': z.namelist(),
    'testzip': z.testzip(),
    'dates': sorted({i.date_time for i in z.infolist()}),
    'manifest': json.loads(z.read('manifest.json')),
    'color': png(z.read('color.png')),
    'outline': png(z.read('outline.png')),
}))
`;

function inspect(zip: Buffer) {
  return JSON.parse(execFileSync('python3', ['-c', INSPECT], { input: zip, encoding: 'utf8' }));
}

describe('the Teams manifest', () => {
  it('names the bot by its app id, for schema 1.17, with the package version', () => {
    const m = manifest();
    expect(m.$schema).toBe('https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json');
    expect(m.manifestVersion).toBe('1.17');
    expect(m.version).toBe('1.4.2');
    expect(m.id).toBe(APP_ID);
    expect(m).not.toHaveProperty('packageName');
    expect(m.bots).toHaveLength(1);
    expect(m.bots[0]).toMatchObject({ botId: APP_ID, scopes: ['personal', 'team', 'groupChat'], supportsFiles: false, isNotificationOnly: false });
    expect(m.permissions).toEqual(['identity', 'messageTeamMembers']);
    expect(m.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(m.accentColor).toMatch(/^#[0-9A-F]{6}$/i);
  });

  it('lists the host alone as valid domain and derives the developer pages from the public URL', () => {
    const m = manifest();
    expect(m.validDomains).toEqual(['dirsync.example.com']);
    expect(m.developer).toEqual({
      name: 'dirsync.example.com',
      websiteUrl: 'https://dirsync.example.com:8443/ops',
      privacyUrl: 'https://dirsync.example.com:8443/ops/privacy',
      termsOfUseUrl: 'https://dirsync.example.com:8443/ops/terms',
    });
  });

  it("keeps within Teams' lengths", () => {
    const m = manifest();
    expect(m.name.short.length).toBeLessThanOrEqual(30);
    expect(m.name.full.length).toBeLessThanOrEqual(100);
    expect(m.description.short.length).toBeLessThanOrEqual(80);
    expect(m.description.full.length).toBeLessThanOrEqual(4000);
    expect(m.description.full).toMatch(/Approve.*Reject/s);
    expect(m.developer.name.length).toBeLessThanOrEqual(32);
  });

  it('suggests the ten most useful chat commands in every scope, titled from the grammar', () => {
    const lists = manifest().bots[0].commandLists;
    expect(lists.map((l: { scopes: string[] }) => l.scopes)).toEqual([['personal'], ['team'], ['groupChat']]);
    const fromGrammar = new Map(CHAT_HELP.map((h) => [commandTitle(h.usage), h.summary]));
    for (const list of lists) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      expect(list.commands.map((c: { title: string }) => c.title)).toEqual(['help', 'list', 'test', 'sync', 'pending', 'history', 'approve', 'reject', 'enable', 'disable']);
      for (const c of list.commands) {
        expect(c.description).toBe(fromGrammar.get(c.title));
        expect(c.description.length).toBeLessThanOrEqual(128);
        expect(c.title.length).toBeLessThanOrEqual(32);
      }
    }
  });

  it('titles a command by the words before its placeholders', () => {
    expect(commandTitle('test <name>')).toBe('test');
    expect(commandTitle('sync all')).toBe('sync all');
    expect(commandTitle('disable <name> [reason]')).toBe('disable');
    expect(commandTitle('pending [<name>]')).toBe('pending');
    expect(commandTitle('alerts here|off')).toBe('alerts here');
    expect(commandTitle('roles [grant <who> <role> | revoke <who>]')).toBe('roles');
  });

  it('refuses an app id that is not a GUID, a non-https URL and a version Teams cannot compare', () => {
    for (const appId of ['', 'dirsync', `${APP_ID}x`, '{3f2504e0-4f89-11d3-9a0c-0305e82c3301}']) {
      expect(() => manifest({ appId }), appId).toThrow(/Microsoft App ID must be a GUID/);
    }
    expect(() => manifest({ publicUrl: 'http://dirsync.example.com' })).toThrow(/only accepts https:\/\//);
    expect(() => manifest({ publicUrl: 'dirsync.example.com' })).toThrow(/is not a URL/);
    expect(() => manifest({ publicUrl: 'https://user:pw@dirsync.example.com' })).toThrow(/without credentials/);
    expect(() => manifest({ version: '1.4.2-beta.1' })).toThrow(/version must be like 1\.2\.3/);
  });
});

describe('the Teams app package', () => {
  const zip = buildTeamsPackage(OPTS);
  const pkg = inspect(zip);

  it('is a valid zip of exactly the manifest and its two icons', () => {
    expect(pkg.names).toEqual(['manifest.json', 'color.png', 'outline.png']);
    expect(pkg.testzip).toBeNull();
    expect(pkg.manifest).toEqual(manifest());
  });

  it('is byte for byte the same when built again (fixed timestamps)', () => {
    expect(buildTeamsPackage(OPTS).equals(zip)).toBe(true);
    expect(pkg.dates).toEqual([[1980, 1, 1, 0, 0, 0]]);
  });

  it('has a 192×192 colour icon that is not one flat colour', () => {
    expect(pkg.color).toMatchObject({ width: 192, height: 192, chunks: ['IHDR', 'IDAT', 'IEND'] });
    expect(pkg.color.colors).toBeGreaterThan(2);
    expect(pkg.color.white).toBeGreaterThan(500); // the glyph
  });

  it('has a 32×32 outline icon of only pure white and fully transparent pixels', () => {
    expect(pkg.outline).toMatchObject({ width: 32, height: 32, neitherWhiteNorClear: 0 });
    expect(pkg.outline.white).toBeGreaterThan(100);
    expect(pkg.outline.clear).toBeGreaterThan(300);
  });
});
