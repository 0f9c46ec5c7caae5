import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Holds every socket's writes from the moment a request arrives until the end of that event-loop turn, then
 * releases them together. Without it each answer is its own write as soon as it is ready, and each such write
 * wakes a client that has gone back to sleep: on a virtual machine that wake-up cost more CPU than the answer
 * itself (a bare node:http server slowed to 60 µs a request spent 28 % of its time in writev; released at the
 * end of the turn, 12 %). An answer that is not ready within the turn (hashing a password, an injected delay)
 * is written as soon as it is, since by then its socket has been released.
 */
export function coalesceWrites(server: Server): void {
  const held: Socket[] = [];
  const release = () => {
    for (const socket of held.splice(0)) if (!socket.destroyed) socket.uncork();
  };
  server.prependListener('request', (req) => {
    const socket = req.socket;
    socket.cork();
    if (held.push(socket) === 1) setImmediate(release);
  });
}
