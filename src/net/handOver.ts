import type net from 'node:net';

/**
 * Between a socket's hand-over and the request that adopts it, an error must not be unhandled (it
 * would take the whole extension host down); the request adds its own listener and still sees it.
 */
export function handOver<T extends net.Socket>(socket: T): T {
  socket.removeAllListeners('error');
  socket.on('error', () => socket.destroy());
  return socket;
}
