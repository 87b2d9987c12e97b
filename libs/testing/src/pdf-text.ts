import { PDFParse } from 'pdf-parse';

/**
 * PDF.js runs its worker in-process under Node by import()ing pdf.worker.mjs, which Jest's CommonJS
 * runtime refuses. Loading the worker first (jest.preset.js compiles it to CommonJS) sets
 * `globalThis.pdfjsWorker`, which PDF.js uses instead. Loaded on first use only: it is large.
 */
let workerLoaded = false;
function loadPdfWorker(): void {
  if (workerLoaded) return;
  require(require.resolve('pdf-parse').replace(/index\.cjs$/, 'pdf.worker.mjs'));
  workerLoaded = true;
}

export interface PdfReadBack {
  /** All text, runs of white space (line ends included) as single spaces. */
  text: string;
  pages: { width: number; height: number }[];
  /** The PDF Info dictionary. */
  info: Record<string, unknown>;
}

/** The text, page sizes and info of a PDF, for tests that check what a letter says. */
export async function readPdf(pdf: Buffer): Promise<PdfReadBack> {
  loadPdfWorker();
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const text = await parser.getText({ pageJoiner: '' });
    const info = await parser.getInfo({ parsePageInfo: true });
    return {
      text: text.text.replace(/\s+/g, ' ').trim(),
      pages: info.pages.map(({ width, height }) => ({ width, height })),
      info: info.info ?? {},
    };
  } finally {
    await parser.destroy();
  }
}
