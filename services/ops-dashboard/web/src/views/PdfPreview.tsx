import { useEffect, useState } from 'react';
import { api, ErrorState, Loading, useToken } from '@rosterlink/ui';

/** The letter's PDF in the page: fetched with the token, shown from a blob URL that is released on close. */
export function PdfPreview({ letterId }: { letterId: string }) {
  const token = useToken();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    let cancelled = false;
    api(token, `/notification/letters/${letterId}/pdf`)
      .then((r) => r.blob())
      .then((blob) => {
        if (cancelled) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch(setError);
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [letterId, token]);
  if (error) return <ErrorState error={error} />;
  if (!url) return <Loading what="the letter" />;
  return <iframe className="pdf" title={`Letter ${letterId} (PDF)`} src={url} />;
}
