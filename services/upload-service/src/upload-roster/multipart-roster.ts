import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BadRequestException, HttpException, PayloadTooLargeException } from '@nestjs/common';
import busboy from 'busboy';
import type { Request } from 'express';
import type { RosterFileFormat } from '@rosterlink/contracts';
import { sniffRosterFormat } from '@rosterlink/roster-file';

export interface ReceivedRosterFile {
  temporaryPath: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  /** Decided by the content's first bytes, never by the file name. */
  format: RosterFileFormat | 'UNKNOWN';
}

export interface ReceivedMultipart {
  fields: Record<string, string>;
  file?: ReceivedRosterFile;
}

/** Room for the multipart boundaries, part headers and the small fields around the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/**
 * Streams a multipart body: the `file` part goes to a temporary file while its sha256 and
 * size are computed, so a roster is never held in memory. A declared Content-Length over the
 * limit is refused before reading; a file over `maxBytes` → 413. A body that does not arrive
 * whole (the client went away, or the multipart is malformed) → 400. Whatever the outcome,
 * nothing is left in `directory` unless the caller receives it.
 */
export async function receiveMultipartRoster(req: Request, directory: string, maxBytes: number): Promise<ReceivedMultipart> {
  if (!String(req.headers['content-type']).startsWith('multipart/form-data')) {
    throw new BadRequestException('The body must be multipart/form-data with a "file" part');
  }
  const declaredBytes = Number(req.headers['content-length']);
  if (declaredBytes > maxBytes + MULTIPART_OVERHEAD_BYTES) {
    throw new PayloadTooLargeException(`The file is larger than the limit of ${maxBytes} bytes`);
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes, fields: 20, fieldSize: 1024, parts: 30 } });
  } catch {
    throw new BadRequestException('The multipart body has no boundary: send it as multipart/form-data');
  }
  // No prototype: a field named `__proto__` or `constructor` stays a field, and is refused as unknown.
  const fields: Record<string, string> = Object.create(null);
  const fileStreams: Readable[] = [];
  const temporaryPaths: string[] = [];
  const writes: Promise<ReceivedRosterFile>[] = [];
  let tooLarge = false;

  parser.on('field', (name, value) => (fields[name] = value));
  parser.on('file', (name, stream, info) => {
    if (name !== 'file') {
      stream.resume();
      return;
    }
    const temporaryPath = join(directory, randomUUID());
    temporaryPaths.push(temporaryPath);
    fileStreams.push(stream);
    const hash = createHash('sha256');
    let sizeBytes = 0;
    let head = Buffer.alloc(0);
    stream.on('limit', () => (tooLarge = true));
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        sizeBytes += chunk.length;
        if (head.length < 512) head = Buffer.concat([head, chunk.subarray(0, 512 - head.length)]);
        done(null, chunk);
      },
    });
    const write = pipeline(stream, measure, createWriteStream(temporaryPath)).then(() => ({
      temporaryPath,
      fileName: info.filename || 'roster',
      sizeBytes,
      sha256: hash.digest('hex'),
      format: sniffRosterFormat(head),
    }));
    // Awaited below; until then a failure must not count as an unhandled rejection (it would end the process).
    write.catch(() => undefined);
    writes.push(write);
  });

  try {
    await pipeline(req, parser);
    const files = await Promise.all(writes);
    if (tooLarge) throw new PayloadTooLargeException(`The file is larger than the limit of ${maxBytes} bytes`);
    return { fields, file: files[0] };
  } catch (error) {
    for (const stream of fileStreams) stream.destroy();
    await Promise.allSettled(writes);
    await Promise.all(temporaryPaths.map((path) => rm(path, { force: true })));
    if (error instanceof HttpException) throw error;
    throw new BadRequestException('The upload did not arrive whole: the connection closed or the multipart body is malformed; send it again');
  }
}
