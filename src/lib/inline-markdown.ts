// Renders the small Markdown subset used in quiz prompts and options (inline code, bold, italics,
// paragraphs) to HTML. Everything else is escaped, so content can never inject markup.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function inline(text: string): string {
  return text
    .split(/(`[^`]+`)/g)
    .map((part) =>
      part.startsWith('`') && part.endsWith('`') && part.length > 1
        ? `<code>${escapeHtml(part.slice(1, -1))}</code>`
        : escapeHtml(part)
            .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
            .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>'),
    )
    .join('');
}

export function renderInlineMarkdown(text: string): string {
  const paragraphs = text.trim().split(/\n{2,}/);
  if (paragraphs.length === 1) return inline(paragraphs[0] ?? '').replace(/\n/g, '<br>');
  return paragraphs.map((p) => `<p>${inline(p).replace(/\n/g, '<br>')}</p>`).join('');
}
