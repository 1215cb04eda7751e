import { Socket } from 'node:net';
import type { SampleEntry } from '../../core/probe.ts';

export function toSample(entry: { dn: string; [key: string]: unknown }): SampleEntry {
  const attributes: Record<string, Uint8Array[]> = {};
  for (const [key, value] of Object.entries(entry)) {
    if (key === 'dn') continue;
    const list = Array.isArray(value) ? value : [value];
    attributes[key.toLowerCase()] = list.map((v) => (Buffer.isBuffer(v) ? v : Buffer.from(String(v))));
  }
  return { dn: entry.dn, attributes };
}

export function openSocket(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    const timer = setTimeout(() => {
      socket.destroy();
      reject(Object.assign(new Error(`no TCP connection to ${host} port ${port} within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.connect({ host, port });
  });
}

export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(onTimeout()), ms)))]).finally(() => clearTimeout(timer));
}
