import type { PDFParse as PdfParser } from 'pdf-parse';

/**
 * pdf-parse, loaded on the first PDF read and not before: loading it replaces globals of the whole
 * process (its bundled core-js and PDF.js polyfill `JSON.parse`, `Array.prototype.push`,
 * `Function.prototype.toString`, …), and the benches and drills that import this library host the
 * services in their own process — they must measure the services' runtime, not the polyfills'.
 *
 * PDF.js runs its worker in-process under Node by import()ing pdf.worker.mjs, which Jest's CommonJS
 * runtime refuses. Loading the worker first (jest.preset.js compiles it to CommonJS) sets
 * `globalThis.pdfjsWorker`, which PDF.js uses instead.
 */
let parserClass: typeof PdfParser | undefined;
function pdfParser(): typeof PdfParser {
  if (!parserClass) {
    const entry = require.resolve('pdf-parse');
    require(entry.replace(/index\.cjs$/, 'pdf.worker.mjs'));
    parserClass = (require(entry) as typeof import('pdf-parse')).PDFParse;
  }
  return parserClass;
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
  const PDFParse = pdfParser();
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
