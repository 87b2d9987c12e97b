import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LinkRequestProcessedV1 } from '@rosterlink/contracts';
import { linkRequestProcessed, readPdf, type PdfReadBack } from '@rosterlink/testing';
import { LETTER_KINDS, letterContentFrom, type LetterKind } from './letter-content';
import { composeLetter, DEFAULT_TEMPLATES_DIR, loadTemplates, printableLetterText, renderLetterPdf } from './render-letter';

const LETTER_DATE = '2025-03-12';
const templatesDir = DEFAULT_TEMPLATES_DIR;

const EVENTS: Record<LetterKind, LinkRequestProcessedV1> = {
  'link-approved': linkRequestProcessed(),
  'link-denied': linkRequestProcessed({
    decision: 'DENIED',
    reason: 'The practitioner is not enrolled with MassHealth as an individual provider.',
    effectiveDate: '2025-02-15',
  }),
  'unlink-approved': linkRequestProcessed({ kind: 'UNLINK', effectiveDate: undefined, endDate: '2025-03-31' }),
  'unlink-denied': linkRequestProcessed({
    kind: 'UNLINK',
    decision: 'DENIED',
    reason: 'The requested end date is before the practitioner joined the group practice.',
    effectiveDate: undefined,
    endDate: '2024-12-31',
  }),
};

/** The decision as the letter must state it, and what it must not say. */
const WORDING: Record<LetterKind, { says: RegExp[]; never: RegExp[] }> = {
  'link-approved': {
    says: [/link approved/i, /has been approved/, /linked to your group practice at PID\/SL 110000001A effective March 3, 2025/],
    never: [/denied for the following reason/, /no longer linked/],
  },
  'link-denied': {
    says: [/link denied/i, /has been denied for the following reason: The practitioner is not enrolled/, /Requested effective date: February 15, 2025/, /How to resubmit/, /new group link request/],
    never: [/has been approved/],
  },
  'unlink-approved': {
    says: [/request to end the link/, /has been approved/, /ends on March 31, 2025: that is the last day it is in force/, /Link end date \(last linked day\): March 31, 2025/, /provides after March 31, 2025 will be denied/],
    never: [/denied for the following reason/],
  },
  'unlink-denied': {
    says: [/request to end the link/, /has been denied for the following reason: The requested end date is before/, /Requested end date: December 31, 2024/, /How to resubmit/],
    never: [/has been approved/, /is no longer linked/],
  },
};

describe('renderLetterPdf', () => {
  describe.each(LETTER_KINDS)('%s letter', (kind) => {
    let pdf: Buffer;
    let parsed: PdfReadBack;

    beforeAll(async () => {
      const content = letterContentFrom(EVENTS[kind], LETTER_DATE);
      expect(content.kind).toBe(kind);
      pdf = await renderLetterPdf(content, { templatesDir });
      parsed = await readPdf(pdf);
    });

    it('is a one-page US Letter PDF', () => {
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(parsed.pages).toEqual([{ width: 612, height: 792 }]);
      expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 612 792\]/);
    });

    it('has the letterhead, the letter date and the recipient block at the DBA address', () => {
      const { text } = parsed;
      expect(text).toContain('MassHealth Provider Enrollment');
      expect(text).toContain('One Ashburton Place Boston MA 02108');
      expect(text).toContain('March 12, 2025');
      expect(text).toContain('Harbor Family Medicine 12 WATER ST SUITE 4 BOSTON MA 02109');
      expect(text).toContain('Dear Harbor Family Medicine:');
      // Letterhead, then recipient, then subject: the order a window envelope and a reader expect.
      expect(text.indexOf('One Ashburton Place')).toBeLessThan(text.indexOf('12 WATER ST'));
      expect(text.indexOf('BOSTON MA 02109')).toBeLessThan(text.indexOf('Re: '));
    });

    it('names the practitioner, the NPI, the provider ID and the PID/SL, with a reference line', () => {
      const { text } = parsed;
      expect(text).toContain('Ana Souza (NPI 1234567893)');
      expect(text).toContain('Practitioner: Ana Souza');
      expect(text).toContain('NPI: 1234567893');
      expect(text).toContain('Provider ID: 210000042');
      expect(text).toContain('Group practice PID/SL: 110000001A');
      expect(text).toMatch(/Request ID: 6f1c2a9e-4b7d-4e2a-9c31-8d5e0f7a2b14 PID\/SL: 110000001A/);
    });

    it('states the decision', () => {
      for (const phrase of WORDING[kind].says) expect(parsed.text).toMatch(phrase);
      for (const phrase of WORDING[kind].never) expect(parsed.text).not.toMatch(phrase);
    });

    it('leaves no placeholder unfilled and closes with the program name', () => {
      expect(parsed.text).not.toMatch(/\{\{|\}\}/);
      expect(parsed.text).toMatch(/Sincerely, MassHealth Provider Enrollment\s*$/);
    });

    it('sets the document info from the letter', () => {
      expect(parsed.info).toMatchObject({ Author: 'MassHealth Provider Enrollment', Creator: 'rosterlink letters' });
      expect(String(parsed.info['Title'])).toContain('Ana Souza');
      expect(parsed.info).toMatchObject({ CreationDate: 'D:20250312120000Z', ModDate: 'D:20250312120000Z' });
      expect(pdf.toString('latin1')).toContain('/BaseFont /Helvetica-Bold');
    });
  });

  it('renders the same bytes for the same content, and different ones for another letter date', async () => {
    const a = await renderLetterPdf(letterContentFrom(EVENTS['link-approved'], LETTER_DATE), { templatesDir });
    const b = await renderLetterPdf(letterContentFrom(EVENTS['link-approved'], LETTER_DATE), { templatesDir });
    const c = await renderLetterPdf(letterContentFrom(EVENTS['link-approved'], '2025-03-13'), { templatesDir });
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  it('uses a configured letterhead and return address', async () => {
    const pdf = await renderLetterPdf(letterContentFrom(EVENTS['link-denied'], LETTER_DATE), {
      templatesDir,
      letterhead: 'Example State Medicaid Provider Enrollment',
      returnAddress: ['PO Box 1234', 'Springfield IL 62701'],
    });
    const { text, info } = await readPdf(pdf);
    expect(text).toContain('Example State Medicaid Provider Enrollment');
    expect(text).toContain('please contact Example State Medicaid Provider Enrollment');
    expect(text).toContain('PO Box 1234 Springfield IL 62701');
    expect(text).not.toContain('MassHealth Provider Enrollment');
    expect(text).not.toContain('Ashburton');
    expect(info).toMatchObject({ Author: 'Example State Medicaid Provider Enrollment' });
  });

  it('prints names as written, without HTML escaping', async () => {
    const event = linkRequestProcessed({
      recipient: { name: `O'Brien & Daughters <Pediatrics>`, address: { line1: '5 Elm St', city: 'Salem', state: 'MA', zip: '01970-4321' } },
      provider: { providerId: '210000042', npi: '1234567893', firstName: 'João', lastName: "D'Souza" },
    });
    const { text } = await readPdf(await renderLetterPdf(letterContentFrom(event, LETTER_DATE), { templatesDir }));
    expect(text).toContain(`Dear O'Brien & Daughters <Pediatrics>:`);
    expect(text).toContain('5 ELM ST SALEM MA 01970-4321');
    expect(text).toContain(`João D'Souza`);
    expect(text).not.toMatch(/&amp;|&lt;|&#39;|&#x27;/);
  });

  it('drops accents the letter font cannot print, and refuses characters it cannot stand in for', async () => {
    const event = linkRequestProcessed({ provider: { providerId: '210000042', npi: '1234567893', firstName: 'Thị Ánh', lastName: 'Nguyễn-Łukasik' } });
    const { text } = await readPdf(await renderLetterPdf(letterContentFrom(event, LETTER_DATE), { templatesDir }));
    expect(text).toContain('Practitioner: Thi Ánh Nguyen-Lukasik');

    const unprintable = linkRequestProcessed({ recipient: { ...linkRequestProcessed().recipient, name: 'Harbor 港 Family Medicine' } });
    await expect(renderLetterPdf(letterContentFrom(unprintable, LETTER_DATE), { templatesDir })).rejects.toThrow(
      /cannot print "港" \(U\+6E2F\) in ".*Harbor 港 Family Medicine/,
    );
  });

  it('shrinks a long DBA name to stay inside the envelope window, and refuses one that cannot fit', async () => {
    const longName = 'Greater Merrimack Valley Community Family Medicine and Pediatric Associates of Lowell';
    const fits = linkRequestProcessed({ recipient: { ...linkRequestProcessed().recipient, name: longName } });
    const { text } = await readPdf(await renderLetterPdf(letterContentFrom(fits, LETTER_DATE), { templatesDir }));
    expect(text).toContain(`${longName} 12 WATER ST SUITE 4 BOSTON MA 02109`);

    const tooLong = linkRequestProcessed({ recipient: { ...linkRequestProcessed().recipient, name: `${longName} `.repeat(3) } });
    await expect(renderLetterPdf(letterContentFrom(tooLong, LETTER_DATE), { templatesDir })).rejects.toThrow(/does not fit a #10 envelope window/);
  });

  describe('with templates of its own', () => {
    let dir: string;

    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'letters-'));
      for (const kind of LETTER_KINDS) await copyFile(join(DEFAULT_TEMPLATES_DIR, `${kind}.md`), join(dir, `${kind}.md`));
    });

    afterEach(() => rm(dir, { recursive: true, force: true }));

    it('names a missing template file', async () => {
      await rm(join(dir, 'unlink-denied.md'));
      await expect(loadTemplates(dir)).rejects.toThrow(`Letter template ${join(dir, 'unlink-denied.md')} is missing`);
      await expect(renderLetterPdf(letterContentFrom(EVENTS['link-approved'], LETTER_DATE), { templatesDir: dir })).rejects.toThrow(
        /unlink-denied\.md is missing/,
      );
    });

    it('names a template with a misspelt placeholder', async () => {
      await writeFile(join(dir, 'link-denied.md'), 'Re: Denied for {{providerName}}\n\nDear {{dbaNmae}}:\n\n{{reason}}\n');
      await expect(loadTemplates(dir)).rejects.toThrow(/link-denied\.md uses unknown placeholder\(s\) \{\{dbaNmae\}\}/);
    });

    it('names a template without a body', async () => {
      await writeFile(join(dir, 'link-approved.md'), 'Re: Approved\n');
      await expect(loadTemplates(dir)).rejects.toThrow(/link-approved\.md must start with a subject line/);
    });

    it('reads each folder once', async () => {
      const first = await loadTemplates(dir);
      await writeFile(join(dir, 'link-approved.md'), 'Re: Changed\n\nChanged.\n');
      expect(await loadTemplates(dir)).toBe(first);
      expect(first['link-approved']).toBe(await readFile(join(DEFAULT_TEMPLATES_DIR, 'link-approved.md'), 'utf8'));
    });

    it('numbers the pages of a letter that runs over one page', async () => {
      const paragraph = 'This paragraph is long enough to take up a few lines of the letter. '.repeat(6);
      await writeFile(join(dir, 'link-approved.md'), `Re: A long letter\n\nDear {{dbaName}}:\n\n${`${paragraph}\n\n`.repeat(12)}`);
      const pdf = await renderLetterPdf(letterContentFrom(EVENTS['link-approved'], LETTER_DATE), { templatesDir: dir });
      const { text, pages } = await readPdf(pdf);
      expect(pages).toEqual([
        { width: 612, height: 792 },
        { width: 612, height: 792 },
      ]);
      expect(text).toContain('Page 1 of 2');
      expect(text).toContain('Page 2 of 2');
      expect(text).toContain('Sincerely, MassHealth Provider Enrollment');
    });
  });
});

describe('printableLetterText', () => {
  it('keeps what WinAnsi prints, including curly quotes and dashes, and normalises decomposed accents', () => {
    expect(printableLetterText('“O’Brien” — café\tJoa\u0303o • 5 €')).toBe('“O’Brien” — café João • 5 €');
  });
});

describe('composeLetter', () => {
  it('takes the subject from the first line, joins paragraph lines and keeps lists', () => {
    const template = 'Re: {{providerName}}\r\n\r\nDear {{dbaName}}:\r\n\r\nOne line\r\nand the next.\r\n\r\n- A: {{npi}}\r\n{{#endDate}}\r\n- B: {{endDate}}\r\n{{/endDate}}\r\n';
    expect(composeLetter(template, { providerName: 'Ana Souza', dbaName: 'Harbor & Co', npi: '1234567893', endDate: '' })).toEqual({
      subject: 'Re: Ana Souza',
      blocks: [
        { type: 'paragraph', text: 'Dear Harbor & Co:' },
        { type: 'paragraph', text: 'One line and the next.' },
        { type: 'list', items: ['A: 1234567893'] },
      ],
    });
  });
});
