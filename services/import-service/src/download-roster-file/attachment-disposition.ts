/**
 * The `content-disposition` of a download saved under `fileName` (RFC 6266): a quoted ASCII `filename` every
 * client understands, and, when the name is not plain printable ASCII, `filename*` with the name in UTF-8
 * (RFC 8187) for the clients that read it. Control characters, quotes, backslashes and path separators never
 * reach the header as they are (a CR or LF would split it).
 */
export function attachmentDisposition(fileName: string, fallback = 'download'): string {
  const name = withoutControlCharacters(wellFormed(fileName))
    .replace(/[/\\]/g, '_')
    .trim();
  if (name === '') return `attachment; filename="${fallback}"`;
  const ascii = name.replace(/[^\u0020-\u007e]/g, '_').replace(/"/g, "'");
  if (ascii === name) return `attachment; filename="${ascii}"`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc8187(name)}`;
}

/** Percent-encodes everything but RFC 8187's attr-char. */
function rfc8187(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The text with any lone surrogate (which UTF-8 cannot encode) replaced by U+FFFD. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** The text without C0 and C1 control characters (a CR or LF would end the header). */
function withoutControlCharacters(text: string): string {
  let kept = '';
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    if (code > 0x1f && (code < 0x7f || code > 0x9f)) kept += c;
  }
  return kept;
}
