import { useEffect, useState } from 'react';
import { api } from './api';
import { ErrorState, Loading } from './components';
import { useToken } from './session';

/**
 * A letter's PDF in the page (notification-service `GET /letters/{letterId}/pdf`): fetched with the
 * token, shown from a blob URL that is released when the preview closes, with the same file to
 * download for a browser that shows no PDF in a page. The app's Content-Security-Policy must allow
 * `frame-src blob:` (and `object-src blob:`, which Chromium's PDF viewer in that frame needs).
 */
export function PdfPreview({ letterId }: { letterId: string }) {
  const token = useToken();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    let cancelled = false;
    setUrl(null);
    setError(null);
    api(token, `/notification/letters/${encodeURIComponent(letterId)}/pdf`)
      .then((r) => r.blob())
      .then((blob) => {
        if (cancelled) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch((failure: unknown) => {
        if (!cancelled) setError(failure);
      });
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [letterId, token]);
  if (error) return <ErrorState error={error} />;
  if (!url) return <Loading what="the letter" />;
  return (
    <div className="pdf-preview">
      <iframe className="pdf" title={`Letter ${letterId} (PDF)`} src={url} />
      <p className="hint">
        The letter does not show above?{' '}
        <a href={url} download={`letter-${letterId}.pdf`}>
          Download the letter (PDF)
        </a>
      </p>
    </div>
  );
}
