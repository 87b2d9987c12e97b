import { api } from './api';

/** Fetches `/api<path>` with the token and hands it to the browser as a download named `filename`. */
export async function downloadFile(token: string | null, path: string, filename: string): Promise<void> {
  const blob = await (await api(token, path)).blob();
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
