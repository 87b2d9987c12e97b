import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
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

/**
 * Streams a multipart body: the `file` part goes to a temporary file while its sha256 and
 * size are computed, so a roster is never held in memory. Over `maxBytes` → 413, and the
 * partial file is removed.
 */
export async function receiveMultipartRoster(req: Request, directory: string, maxBytes: number): Promise<ReceivedMultipart> {
  if (!String(req.headers['content-type']).startsWith('multipart/form-data')) {
    throw new BadRequestException('The body must be multipart/form-data with a "file" part');
  }
  const parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes, fields: 20, fieldSize: 1024 } });
  const fields: Record<string, string> = {};
  const writes: Promise<ReceivedRosterFile>[] = [];
  let tooLarge = false;

  parser.on('field', (name, value) => (fields[name] = value));
  parser.on('file', (name, stream, info) => {
    if (name !== 'file') {
      stream.resume();
      return;
    }
    const temporaryPath = join(directory, randomUUID());
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
    writes.push(
      pipeline(stream, measure, createWriteStream(temporaryPath)).then(() => ({
        temporaryPath,
        fileName: info.filename || 'roster',
        sizeBytes,
        sha256: hash.digest('hex'),
        format: sniffRosterFormat(head),
      })),
    );
  });

  await pipeline(req, parser);
  const files = await Promise.all(writes);
  if (tooLarge) {
    await Promise.all(files.map((f) => rm(f.temporaryPath, { force: true })));
    throw new PayloadTooLargeException(`The file is larger than the limit of ${maxBytes} bytes`);
  }
  return { fields, file: files[0] };
}
