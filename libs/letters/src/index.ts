export { formatLetterDate, LETTER_KINDS, letterContentFrom, letterKindOf, uspsAddressLines } from './letter-content';
export type { LetterContent, LetterKind, LetterRecipientBlock } from './letter-content';
export {
  composeLetter,
  DEFAULT_LETTERHEAD,
  DEFAULT_RETURN_ADDRESS,
  DEFAULT_TEMPLATES_DIR,
  LETTER_PLACEHOLDERS,
  letterView,
  loadTemplates,
  PAGE,
  printableLetterText,
  renderLetterPdf,
  WINDOW_ADDRESS_AREA,
} from './render-letter';
export type { ComposedLetter, LetterBlock, LetterPlaceholder, LetterTemplates, RenderLetterOptions } from './render-letter';
