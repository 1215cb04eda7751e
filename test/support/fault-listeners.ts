import { createServer, type Server, type Socket } from 'node:net';

/** Network faults made on loopback: nothing here ever leaves the machine. */
export interface Listener {
  port: number;
  close(): Promise<void>;
}

async function listen(onSocket: (socket: Socket) => void): Promise<Listener> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: connections are refused. */
export async function closedPort(): Promise<number> {
  const listener = await listen(() => {});
  await listener.close();
  return listener.port;
}

/** Accepts connections and never answers: the "dead host" that hangs naive clients. */
export const silentListener = () => listen(() => {});

/** Accepts, then resets each connection (RST). */
export const resettingListener = () => listen((socket) => socket.resetAndDestroy());

/** Accepts, reads the TLS ClientHello, then closes: like a DC with no usable certificate. */
export const tlsHangupListener = () => listen((socket) => socket.once('data', () => socket.destroy()));
