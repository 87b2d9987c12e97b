import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import Mustache from 'mustache';
import PDFDocument from 'pdfkit';
import { formatLetterDate, LETTER_KINDS, type LetterContent, type LetterKind } from './letter-content';

/** libs/letters/templates in the source tree; a bundled service passes its own folder from config. */
export const DEFAULT_TEMPLATES_DIR = resolve(__dirname, '..', 'templates');
export const DEFAULT_LETTERHEAD = 'MassHealth Provider Enrollment';
export const DEFAULT_RETURN_ADDRESS: readonly string[] = ['One Ashburton Place', 'Boston MA 02108'];

/** The placeholders a template may use; anything else is a typo and fails when the templates load. */
export const LETTER_PLACEHOLDERS = [
  'programName',
  'letterDate',
  'dbaName',
  'providerName',
  'providerFirstName',
  'providerLastName',
  'npi',
  'providerId',
  'pidsl',
  'groupId',
  'serviceLocation',
  'effectiveDate',
  'endDate',
  'reason',
  'requestId',
] as const;
export type LetterPlaceholder = (typeof LETTER_PLACEHOLDERS)[number];

export interface RenderLetterOptions {
  /** The folder holding link-approved.md, link-denied.md, unlink-approved.md and unlink-denied.md. */
  templatesDir: string;
  /** The program name at the top of the letter and in its signature; also `{{programName}}`. */
  letterhead?: string;
  /** Lines of the return address under the letterhead. */
  returnAddress?: readonly string[];
}

export type LetterTemplates = Readonly<Record<LetterKind, string>>;

/** A letter's words after the placeholders are filled in, before layout. */
export interface ComposedLetter {
  subject: string;
  blocks: LetterBlock[];
}
export type LetterBlock = { type: 'paragraph'; text: string } | { type: 'list'; items: string[] };

/** US Letter, in PDF points. */
export const PAGE = { width: 612, height: 792, margin: 72 } as const;
/**
 * Where the recipient block goes so a #10 window envelope (4 1/2" x 1 1/8" window, 7/8" from the
 * left and 1/2" from the bottom) shows it once the letter is folded in three: 2 1/8" from the top,
 * 1" from the left, at most 3 3/8" wide and 7/8" high so the letter can shift in the envelope.
 */
export const WINDOW_ADDRESS_AREA = { x: 72, y: 153, width: 243, height: 63 } as const;
/** The upper fold of a letter folded in three; the subject starts below it, out of the window's sight. */
const TOP_FOLD_Y = PAGE.height / 3;

const INK = '#000000';
const ACCENT = '#1f3864';
const MUTED = '#444444';
const FONT = 'Helvetica';
const FONT_BOLD = 'Helvetica-Bold';
const BODY_SIZE = 10.5;
const BODY_LINE_GAP = 2;
const PARAGRAPH_GAP = 8;
const LIST_INDENT = 14;

const templateCache = new Map<string, Promise<LetterTemplates>>();

/**
 * Reads the four templates from `templatesDir` once (later calls share the result) and checks them:
 * a missing file, an unknown placeholder or a template without a subject line and a body fails with
 * an error naming the file.
 */
export function loadTemplates(templatesDir: string): Promise<LetterTemplates> {
  const dir = resolve(templatesDir);
  let loaded = templateCache.get(dir);
  if (!loaded) {
    loaded = readTemplates(dir);
    templateCache.set(dir, loaded);
    loaded.catch(() => templateCache.delete(dir));
  }
  return loaded;
}

async function readTemplates(dir: string): Promise<LetterTemplates> {
  const entries = await Promise.all(
    LETTER_KINDS.map(async (kind) => {
      const file = join(dir, `${kind}.md`);
      let source: string;
      try {
        source = await readFile(file, 'utf8');
      } catch (err) {
        const why = err?.code === 'ENOENT' ? 'is missing' : `cannot be read (${err?.message ?? err})`;
        throw new Error(`Letter template ${file} ${why}: each of ${LETTER_KINDS.map((k) => `${k}.md`).join(', ')} must exist`);
      }
      checkTemplate(file, source);
      return [kind, source.replace(/^\uFEFF/, '')] as const;
    }),
  );
  return Object.freeze(Object.fromEntries(entries) as Record<LetterKind, string>);
}

function checkTemplate(file: string, source: string): void {
  let tokens: unknown[];
  try {
    tokens = Mustache.parse(source);
  } catch (err) {
    throw new Error(`Letter template ${file} is not a valid template: ${err?.message ?? err}`);
  }
  const unknown = [...new Set(placeholderNames(tokens))].filter((name) => !(LETTER_PLACEHOLDERS as readonly string[]).includes(name));
  if (unknown.length) {
    throw new Error(
      `Letter template ${file} uses unknown placeholder(s) ${unknown.map((n) => `{{${n}}}`).join(', ')}; ` +
        `known: ${LETTER_PLACEHOLDERS.map((n) => `{{${n}}}`).join(', ')}`,
    );
  }
  const { subject, body } = splitSubject(source);
  if (!subject || !body.trim()) {
    throw new Error(`Letter template ${file} must start with a subject line ("Re: ..."), then a blank line, then the letter's paragraphs`);
  }
}

/** Names used by `{{name}}`, `{{{name}}}`, `{{&name}}`, `{{#name}}`, `{{^name}}` and partials `{{>name}}`. */
function placeholderNames(tokens: unknown[]): string[] {
  const names: string[] = [];
  for (const token of tokens as [string, string, number, number, unknown[]?][]) {
    const [type, value, , , children] = token;
    if (['name', '&', '#', '^', '>'].includes(type)) names.push(value);
    if (Array.isArray(children)) names.push(...placeholderNames(children));
  }
  return names;
}

function splitSubject(text: string): { subject: string; body: string } {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/^\s*\n/, '');
  const newline = normalised.indexOf('\n');
  const subject = (newline < 0 ? normalised : normalised.slice(0, newline)).trim();
  return { subject, body: newline < 0 ? '' : normalised.slice(newline + 1) };
}

/** The values a template's placeholders stand for; dates written out (`March 4, 2025`). */
export function letterView(content: LetterContent, programName = DEFAULT_LETTERHEAD): Record<LetterPlaceholder, string> {
  const { provider } = content;
  return {
    programName,
    letterDate: formatLetterDate(content.letterDate),
    dbaName: content.recipient.name,
    providerName: `${provider.firstName} ${provider.lastName}`,
    providerFirstName: provider.firstName,
    providerLastName: provider.lastName,
    npi: provider.npi,
    providerId: provider.providerId,
    pidsl: content.pidsl,
    groupId: content.groupId,
    serviceLocation: content.serviceLocation,
    effectiveDate: content.effectiveDate ? formatLetterDate(content.effectiveDate) : '',
    endDate: content.endDate ? formatLetterDate(content.endDate) : '',
    reason: content.reason ?? '',
    requestId: content.requestId,
  };
}

/**
 * Fills in a template: the first line is the subject; blank lines separate paragraphs; the lines of a
 * paragraph are joined and re-wrapped; a paragraph whose every line starts with "- " is a list.
 */
export function composeLetter(template: string, view: Record<string, string>): ComposedLetter {
  // Letters are not HTML: no escaping, so "O'Brien & Sons" prints as written.
  const text = Mustache.render(template, view, {}, { escape: (value: unknown) => String(value) });
  const { subject, body } = splitSubject(text);
  const blocks: LetterBlock[] = [];
  for (const chunk of body.split(/\n[ \t]*\n/)) {
    const lines = chunk
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    if (!lines.length) continue;
    if (lines.every((line) => /^[-*]\s+/.test(line))) {
      blocks.push({ type: 'list', items: lines.map((line) => line.replace(/^[-*]\s+/, '')) });
    } else {
      blocks.push({ type: 'paragraph', text: lines.join(' ') });
    }
  }
  return { subject, blocks };
}

/** The letter as a one-or-more-page US Letter PDF; the same content and options give the same bytes. */
export async function renderLetterPdf(content: LetterContent, options: RenderLetterOptions): Promise<Buffer> {
  const templates = await loadTemplates(options.templatesDir);
  const programName = options.letterhead?.trim() || DEFAULT_LETTERHEAD;
  const returnAddress = options.returnAddress ?? DEFAULT_RETURN_ADDRESS;
  const composed = composeLetter(templates[content.kind], letterView(content, programName));
  const letter: ComposedLetter = {
    subject: printableLetterText(composed.subject),
    blocks: composed.blocks.map((block) =>
      block.type === 'list'
        ? { type: 'list', items: block.items.map(printableLetterText) }
        : { type: 'paragraph', text: printableLetterText(block.text) },
    ),
  };
  const printedProgramName = printableLetterText(programName);
  const recipientLines = [content.recipient.name, ...content.recipient.addressLines].map(printableLetterText);
  const [y, m, d] = content.letterDate.split('-').map(Number);
  const dated = new Date(Date.UTC(y, m - 1, d, 12));

  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margin: PAGE.margin,
    bufferPages: true,
    lang: 'en-US',
    displayTitle: true,
    info: {
      Title: letter.subject.replace(/^Re:\s*/i, ''),
      Author: programName,
      Subject: `Link request ${content.requestId} (${content.kind}), PID/SL ${content.pidsl}`,
      Creator: 'rosterlink letters',
      CreationDate: dated,
      ModDate: dated,
    },
  });
  const done = collect(doc);

  drawLetterhead(doc, printedProgramName, returnAddress.map(printableLetterText), formatLetterDate(content.letterDate));
  drawRecipient(doc, recipientLines);
  drawSubject(doc, letter.subject, content);
  drawBody(doc, letter.blocks);
  drawClosing(doc, printedProgramName);
  drawPageNumbers(doc);

  doc.end();
  return done;
}

/** The characters beyond Latin-1 that the standard PDF fonts print (WinAnsiEncoding 0x80-0x9F). */
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
/** Letters and punctuation that do not decompose into a printable letter and an accent. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  ...{ Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i' },
  // Hyphens, minus, primes; thin, narrow and figure spaces; zero-width space and byte-order mark.
  ...{ '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2212': '-', '\u2032': "'", '\u2033': '"' },
  ...{ '\u2009': ' ', '\u200a': ' ', '\u202f': ' ', '\u2007': ' ', '\u200b': '', '\ufeff': '' },
};

function isPrintable(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || code === 0x0a || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(ch);
}

/**
 * Text the letter's fonts (the standard PDF Helvetica, WinAnsiEncoding) can print: accented letters
 * outside it lose the accent (Nguyễn → Nguyen, Łódź → Lodz); anything else fails rather than printing
 * as garbage on a letter to a provider.
 */
export function printableLetterText(text: string): string {
  let out = '';
  const unprintable = new Set<string>();
  for (const ch of text.normalize('NFC').replace(/\t/g, ' ')) {
    if (isPrintable(ch)) {
      out += ch;
      continue;
    }
    const lookalike = LOOKALIKES[ch] ?? ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    if (lookalike !== ch && [...lookalike].every(isPrintable)) out += lookalike;
    else unprintable.add(ch);
  }
  if (unprintable.size) {
    const list = [...unprintable].map((ch) => `"${ch}" (U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`);
    throw new Error(`The letter font cannot print ${list.join(', ')} in ${JSON.stringify(text)}`);
  }
  return out;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolveBuffer, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolveBuffer(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;

function drawLetterhead(doc: PDFKit.PDFDocument, programName: string, returnAddress: readonly string[], date: string): void {
  const top = PAGE.margin;
  doc.font(FONT_BOLD).fontSize(15).fillColor(ACCENT).text(programName, PAGE.margin, top, { width: CONTENT_WIDTH, lineBreak: false });
  const ruleY = top + 22;
  doc.moveTo(PAGE.margin, ruleY).lineTo(PAGE.width - PAGE.margin, ruleY).lineWidth(1).strokeColor(ACCENT).stroke();

  doc.font(FONT).fontSize(9).fillColor(MUTED);
  let lineY = ruleY + 6;
  for (const line of returnAddress) {
    doc.text(line, PAGE.margin, lineY, { width: CONTENT_WIDTH / 2, lineBreak: false });
    lineY += 11;
  }
  doc.font(FONT).fontSize(10.5).fillColor(INK).text(date, PAGE.margin, ruleY + 6, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
}

/** The recipient block inside the envelope window; the type shrinks (to 8 pt, USPS's smallest) before a long name overflows it. */
function drawRecipient(doc: PDFKit.PDFDocument, lines: string[]): void {
  const area = WINDOW_ADDRESS_AREA;
  const block = lines.join('\n');
  for (const size of [11, 10, 9, 8]) {
    doc.font(FONT).fontSize(size);
    const options = { width: area.width, lineGap: 1 };
    if (doc.heightOfString(block, options) <= area.height) {
      doc.fillColor(INK).text(block, area.x, area.y, options);
      return;
    }
  }
  throw new Error(`The recipient block for ${JSON.stringify(lines[0])} does not fit a #10 envelope window`);
}

function drawSubject(doc: PDFKit.PDFDocument, subject: string, content: LetterContent): void {
  const top = TOP_FOLD_Y + 8;
  doc.font(FONT_BOLD).fontSize(11).fillColor(INK).text(subject, PAGE.margin, top, { width: CONTENT_WIDTH });
  doc.moveDown(0.2);
  doc
    .font(FONT)
    .fontSize(9)
    .fillColor(MUTED)
    .text(`Request ID: ${content.requestId}     PID/SL: ${content.pidsl}`, PAGE.margin, doc.y, { width: CONTENT_WIDTH });
  doc.fillColor(INK);
  doc.y += 16;
}

function drawBody(doc: PDFKit.PDFDocument, blocks: LetterBlock[]): void {
  doc.font(FONT).fontSize(BODY_SIZE).fillColor(INK);
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      doc.text(block.text, PAGE.margin, doc.y, { width: CONTENT_WIDTH, lineGap: BODY_LINE_GAP });
    } else {
      for (const item of block.items) {
        const itemOptions = { width: CONTENT_WIDTH - 2 * LIST_INDENT, lineGap: BODY_LINE_GAP };
        keepOnPage(doc, doc.heightOfString(item, itemOptions));
        const itemTop = doc.y;
        doc.text('\u2022', PAGE.margin + LIST_INDENT / 2, itemTop, { lineBreak: false });
        doc.text(item, PAGE.margin + LIST_INDENT * 2 - LIST_INDENT / 2, itemTop, itemOptions);
      }
    }
    doc.y += PARAGRAPH_GAP;
  }
}

function drawClosing(doc: PDFKit.PDFDocument, programName: string): void {
  doc.font(FONT).fontSize(BODY_SIZE).fillColor(INK);
  keepOnPage(doc, 4 * (BODY_SIZE + BODY_LINE_GAP + 2));
  doc.text('Sincerely,', PAGE.margin, doc.y + 4, { width: CONTENT_WIDTH });
  doc.y += 2 * BODY_SIZE;
  doc.text(programName, PAGE.margin, doc.y, { width: CONTENT_WIDTH });
}

function keepOnPage(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > PAGE.height - PAGE.margin) doc.addPage();
}

/** "Page 1 of 2" in the bottom margin, only when the letter runs over one page. */
function drawPageNumbers(doc: PDFKit.PDFDocument): void {
  const { start, count } = doc.bufferedPageRange();
  if (count < 2) return;
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(FONT)
      .fontSize(8.5)
      .fillColor(MUTED)
      .text(`Page ${i - start + 1} of ${count}`, PAGE.margin, PAGE.height - PAGE.margin / 2, {
        width: CONTENT_WIDTH,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}
