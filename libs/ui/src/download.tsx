import { type ReactNode, useState } from 'react';
import { api } from './api';
import { ErrorState } from './components';
import { useToken } from './session';

/** The file name a `content-disposition: attachment; filename="…"` header gives, if any. */
export function fileNameOf(contentDisposition: string | null): string | null {
  if (!contentDisposition) return null;
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(contentDisposition);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      // fall back to the plain filename
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(contentDisposition);
  const name = plain ? (plain[1] ?? plain[2]).replace(/\\(.)/g, '$1').trim() : '';
  return name || null;
}

/**
 * Fetches `/api<path>` with the token and hands it to the browser as a download named `filename`, or
 * (without one) as the answer's `content-disposition` names it.
 */
export async function downloadFile(token: string | null, path: string, filename?: string): Promise<void> {
  const response = await api(token, path);
  const name = filename ?? fileNameOf(response.headers?.get('content-disposition') ?? null) ?? path.split('?')[0].split('/').pop() ?? 'download';
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A link to a file behind the API. The token is a bearer header, so a plain link cannot carry it: a
 * click fetches the file with the token and saves it (downloadFile); the `href` still names the file's
 * address (`/api<path>`). While it is fetched the link says `preparing`; a refusal is shown in words.
 */
export function DownloadLink({
  path,
  filename,
  preparing = 'Preparing the download…',
  className,
  children,
}: {
  path: string;
  /** The name to save it under; by default the one the answer's content-disposition gives. */
  filename?: string;
  preparing?: string;
  className?: string;
  children: ReactNode;
}) {
  const token = useToken();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const start = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await downloadFile(token, path, filename);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <a
        href={`/api${path}`}
        download={filename ?? ''}
        className={className}
        aria-busy={busy || undefined}
        onClick={(e) => {
          e.preventDefault();
          void start();
        }}
        onAuxClick={(e) => e.preventDefault()}
      >
        {busy ? preparing : children}
      </a>
      {error !== null && <ErrorState error={error} />}
    </>
  );
}
