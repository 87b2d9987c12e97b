import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { sendError } from './http-answers';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

/**
 * Serves a file of the built single-page app at `webRoot` (an absolute path), with the app's
 * Content-Security-Policy; any path that is not a file of it is a view of the app (index.html), and
 * nothing outside `webRoot` is ever read. Vite's hashed assets are cached for good, the rest revalidated.
 */
export async function serveStatic(webRoot: string, pathname: string, response: ServerResponse, contentSecurityPolicy: string): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return sendError(response, 400, 'Bad Request', 'The path has a malformed percent-escape');
  }
  const file = resolve(join(webRoot, decoded));
  const inside = file.startsWith(webRoot + sep);
  const found = inside && (await stat(file).then((s) => s.isFile(), () => false));
  // Any other path is a view of the app: the app's router shows it.
  const path = found ? file : join(webRoot, 'index.html');
  const immutable = found && pathname.startsWith('/assets/');
  response.writeHead(200, {
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(path)
    .on('error', () => response.destroy())
    .pipe(response);
}
