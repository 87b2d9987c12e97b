export interface SseMessage {
  event: string;
  data: string;
}

/**
 * Splits a server-sent-events stream into messages. Feed it chunks as they arrive; it returns
 * the complete messages and keeps the unfinished tail for the next chunk.
 */
export class SseParser {
  private buffer = '';

  push(chunk: string): SseMessage[] {
    this.buffer += chunk.replace(/\r\n?/g, '\n');
    const blocks = this.buffer.split('\n\n');
    this.buffer = blocks.pop() ?? '';
    return blocks.flatMap((block) => {
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const [field, ...rest] = line.split(':');
        const value = rest.join(':').replace(/^ /, '');
        if (field === 'event') event = value;
        if (field === 'data') data.push(value);
      }
      return data.length > 0 ? [{ event, data: data.join('\n') }] : [];
    });
  }
}
