import type { ImportType } from '@rosterlink/contracts/browser';
import { ApiError, apiErrorOf, apiJson, Page, RosterCase } from '@rosterlink/ui';

export interface RosterUploadRequest {
  groupId: string;
  importType: ImportType;
  file: File;
  /** A revised file replaces this (REJECTED or NEW) case. */
  supersedesCaseNumber?: string;
  onProgress: (loaded: number, total: number) => void;
}

/**
 * `POST /roster-uploads` through the portal server, with XMLHttpRequest so the bytes sent can be shown
 * for a large file (fetch has no upload progress). Resolves with the upload's id; rejects with ApiError
 * carrying the service's message and details (422: each bad header; 409: the same file's case is open).
 */
export function uploadRoster(token: string, request: RosterUploadRequest): Promise<{ uploadId: string }> {
  const form = new FormData();
  form.append('groupId', request.groupId);
  form.append('importType', request.importType);
  if (request.supersedesCaseNumber) form.append('supersedesCaseNumber', request.supersedesCaseNumber);
  form.append('file', request.file, request.file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/upload/roster-uploads');
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => request.onProgress(e.loaded, e.lengthComputable ? e.total : request.file.size);
    xhr.onload = () => (xhr.status === 202 ? resolve(xhr.response as { uploadId: string }) : reject(apiErrorOf(xhr.status, xhr.statusText, xhr.response)));
    xhr.onerror = () => reject(new TypeError('The roster could not be sent: the connection failed'));
    xhr.send(form);
  });
}

/** The case import-service opened for an upload, once it has (upload-service has no `GET /roster-uploads/{id}` yet). */
export async function caseOfUpload(token: string, uploadId: string): Promise<RosterCase | null> {
  const { items } = await apiJson<Page<RosterCase>>(token, `/import/cases?uploadId=${encodeURIComponent(uploadId)}&limit=1`);
  return items[0] ?? null;
}

/** The problem lines a refused upload's details name (each bad header, with its column). */
export function detailLines(details: unknown[]): string[] {
  return details.flatMap((d) => {
    const { message, column } = (d ?? {}) as { message?: unknown; column?: unknown };
    if (typeof message !== 'string') return [];
    return [typeof column === 'string' && column && !message.includes(column) ? `${column}: ${message}` : message];
  });
}

/** How long the portal waits for import-service to open the case of an accepted upload. */
const CASE_WAIT_MS = 60_000;

/**
 * Sends the roster (with progress) and waits until its case is open: the case number. The case opens a
 * moment after upload-service accepts the file (roster.uploaded.v1 → import-service), so it is polled for.
 */
export async function sendRosterForCase(token: string, request: RosterUploadRequest, onAccepted: (uploadId: string) => void): Promise<string> {
  const { uploadId } = await uploadRoster(token, request);
  onAccepted(uploadId);
  const deadline = Date.now() + CASE_WAIT_MS;
  for (let wait = 250; Date.now() < deadline; wait = Math.min(wait * 2, 2000)) {
    const opened = await caseOfUpload(token, uploadId);
    if (opened) return opened.caseNumber;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  throw new CaseNotOpenedError();
}

export class CaseNotOpenedError extends Error {
  constructor() {
    super('The roster was received, but its case has not opened yet. Look for it in Recently Viewed in a minute.');
  }
}

/** What to tell the user when a roster was not sent or its case did not open: the message, and each bad header. */
export function uploadProblemOf(error: unknown, advice: (error: unknown) => string): { message: string; details: string[] } {
  if (error instanceof ApiError) {
    const message = error.status === 422 ? `The file was not accepted: ${error.message}. Correct the file, then upload it again.` : advice(error);
    return { message, details: detailLines(error.details) };
  }
  return { message: error instanceof CaseNotOpenedError ? error.message : advice(error), details: [] };
}
