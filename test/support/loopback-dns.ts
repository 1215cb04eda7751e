import { createSocket, type Socket } from 'node:dgram';
import { Resolver } from 'node:dns/promises';

/**
 * A DNS server on 127.0.0.1 that knows only `localhost` and answers NXDOMAIN for everything
 * else, and a lookup that asks only it. The machine's resolver is not on loopback, so tests
 * must never use it (a query for `dc1.invalid` would leave the machine).
 */
const RECORDS: Record<string, string> = { localhost: '127.0.0.1' };

let server: Promise<{ socket: Socket; port: number }> | undefined;

function startServer() {
  server ??= new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.on('message', (query, peer) => socket.send(answer(query), peer.port, peer.address));
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      socket.unref();
      resolve({ socket, port: socket.address().port });
    });
  });
  return server;
}

/** Echoes the question; an A record for known names, NXDOMAIN (rcode 3) otherwise. */
function answer(query: Buffer): Buffer {
  let offset = 12;
  const labels: string[] = [];
  while (query[offset]! > 0) {
    labels.push(query.subarray(offset + 1, offset + 1 + query[offset]!).toString('ascii'));
    offset += query[offset]! + 1;
  }
  const questionEnd = offset + 5;
  const qtype = query.readUInt16BE(offset + 1);
  const address = RECORDS[labels.join('.').toLowerCase()];
  const header = Buffer.from(query.subarray(0, 12));
  header.writeUInt16BE(0x8180 | (address === undefined ? 3 : 0), 2); // response, RD+RA, rcode
  const hasAnswer = address !== undefined && qtype === 1;
  header.writeUInt16BE(hasAnswer ? 1 : 0, 6);
  header.writeUInt16BE(0, 8);
  header.writeUInt16BE(0, 10);
  const question = query.subarray(12, questionEnd);
  if (!hasAnswer) return Buffer.concat([header, question]);
  const record = Buffer.alloc(16);
  record.writeUInt16BE(0xc00c, 0); // name: pointer to the question
  record.writeUInt16BE(1, 2); // A
  record.writeUInt16BE(1, 4); // IN
  record.writeUInt32BE(60, 6); // TTL
  record.writeUInt16BE(4, 10);
  address.split('.').forEach((octet, i) => record.writeUInt8(Number(octet), 12 + i));
  return Buffer.concat([header, question, record]);
}

export async function loopbackLookup(host: string): Promise<string[]> {
  const { port } = await startServer();
  const resolver = new Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers([`127.0.0.1:${port}`]);
  return resolver.resolve4(host);
}
