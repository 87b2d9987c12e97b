import { IncomingMessage, ServerResponse } from 'node:http';

export function sendJson(response: ServerResponse, statusCode: number, body: unknown): void {
  response.writeHead(statusCode, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

/** An error in the services' shape: `{ statusCode, error, message }`. */
export function sendError(response: ServerResponse, statusCode: number, error: string, message: string): void {
  sendJson(response, statusCode, { statusCode, error, message });
}

/**
 * The request's JSON body, or undefined when it is not JSON or larger than `limit`. A larger body
 * is still read to its end (up to 16 MB, then the connection is cut) before the answer goes out:
 * answering and closing while the client is still sending resets the connection, and the client
 * loses the answer.
 */
export async function readJson(request: IncomingMessage, limit = 10_000): Promise<unknown> {
  let text = '';
  let received = 0;
  for await (const chunk of request) {
    received += chunk.length;
    if (received > 16 * 1024 * 1024) request.destroy();
    if (received <= limit) text += chunk;
  }
  if (received > limit) return undefined;
  try {
    return JSON.parse(text || '{}');
  } catch {
    return undefined;
  }
}
