import net from 'node:net';

/** Sends raw bytes to a loopback port and collects whatever comes back until the server closes. No answer within
 *  3 s fails: a hang is exactly what these tests look for. */
export function rawExchange(port: number, bytes: string | Uint8Array): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (c: string) => (answer += c));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.setTimeout(3000, () => reject(new Error(`no answer within 3 s; got so far: ${answer}`)));
  });
}
