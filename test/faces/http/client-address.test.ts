import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../../src/faces/http/client-address.ts';

const proxies = new Set(['127.0.0.1', '192.0.2.10']);

describe('clientAddress', () => {
  it('is the peer when the peer is not a trusted proxy, whatever the header says', () => {
    expect(clientAddress('192.0.2.77', '198.51.100.1', proxies)).toBe('192.0.2.77');
    expect(clientAddress('192.0.2.77', undefined, new Set())).toBe('192.0.2.77');
  });

  it('behind a trusted proxy, is the rightmost hop that is not a trusted proxy', () => {
    expect(clientAddress('127.0.0.1', '198.51.100.1', proxies)).toBe('198.51.100.1');
    expect(clientAddress('::ffff:127.0.0.1', '198.51.100.1, 192.0.2.10', proxies)).toBe('198.51.100.1');
    expect(clientAddress('127.0.0.1', '2001:DB8::1', proxies)).toBe('2001:db8::1');
  });

  it('ignores what a client wrote into the header before the proxies appended to it', () => {
    // The client sent "X-Forwarded-For: 203.0.113.9" to dodge its limit; the proxy appended its peer.
    expect(clientAddress('127.0.0.1', '203.0.113.9, 198.51.100.1', proxies)).toBe('198.51.100.1');
  });

  it('falls back to the peer when the header is missing or holds no address', () => {
    expect(clientAddress('127.0.0.1', undefined, proxies)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', 'unknown', proxies)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', '192.0.2.10', proxies)).toBe('127.0.0.1');
    expect(clientAddress(undefined, '198.51.100.1', proxies)).toBeUndefined();
  });
});
