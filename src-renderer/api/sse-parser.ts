// A minimal text/event-stream reader: the console needs only `data:` lines. EventSource cannot send the
// Authorization header the bridge requires, so the stream is read through fetch and parsed here.
import type { ChangeEvent } from '../../src-main/admin/contract';

export class SseParser {
  private buffer = '';

  /** Feeds a decoded chunk; returns the complete events it finished. */
  push(chunk: string): ChangeEvent[] {
    this.buffer += chunk.replace(/\r\n/g, '\n');
    const events: ChangeEvent[] = [];
    let boundary = this.buffer.indexOf('\n\n');
    while (boundary !== -1) {
      const block = this.buffer.slice(0, boundary);
      this.buffer = this.buffer.slice(boundary + 2);
      const event = parseBlock(block);
      if (event) events.push(event);
      boundary = this.buffer.indexOf('\n\n');
    }
    return events;
  }
}

function parseBlock(block: string): ChangeEvent | null {
  const data = block
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).replace(/^ /, ''))
    .join('\n');
  if (!data) return null; // comments (`: keep-alive`) and retry hints
  try {
    const parsed = JSON.parse(data) as Partial<ChangeEvent>;
    return Array.isArray(parsed.Topics) ? { Topics: parsed.Topics } : null;
  } catch {
    return null;
  }
}
