// Proposal bodies are either plain text (older records, imports, the demo data) or HTML written in
// the rich-text editor. The server sanitizes HTML bodies with this allow-list before storing them;
// the browser sanitizes again with the same list before showing them.

/** Tags a stored body may contain. No attributes are allowed on any of them. */
export const RICH_TEXT_TAGS = ['p', 'br', 'strong', 'em', 'u', 'h3', 'h4', 'ol', 'ul', 'li', 'blockquote'] as const;

/** A body is HTML when it contains something that looks like a tag; otherwise it is plain text. */
export function looksLikeHtml(body: string): boolean {
  return /<\/?[a-z][a-z0-9]*(\s[^>]*)?\/?>/i.test(body);
}

/** The text of a body without its tags and entities, e.g. to count the characters of a rich-text reply. */
export function bodyText(body: string): string {
  if (!looksLikeHtml(body)) return body.trim();
  return body
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, 'x')
    .trim();
}
