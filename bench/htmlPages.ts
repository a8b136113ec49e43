import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSources } from './corpus';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Writes `count` generated HTML pages to `dir` (page-000000.html, …): ~3 KB of Brown-corpus prose
 * each (corpus.ts) in a page with navigation and a footer; 2% are other editions of a recent page
 * (a paragraph dropped, the headline updated), for near-duplicate clustering. Deterministic.
 */
export function writeHtmlPages(dir: string, count: number): void {
  const recent: { title: string; body: string }[] = [];
  let i = 0;
  for (const source of generateSources(count, { seed: 11 })) {
    let { title, body } = source;
    if (source.duplicateOf !== null && recent.length > 0) {
      // Another edition of a recent page: a paragraph dropped, the headline updated.
      const of = recent[i % recent.length]!;
      const paragraphs = of.body.split('\n\n');
      paragraphs.splice(i % paragraphs.length, 1);
      title = `${of.title} (updated)`;
      body = paragraphs.join('\n\n');
    }
    recent[i % 200] = { title, body };
    const paragraphs = body
      .split('\n\n')
      .map((p) => `<p>${escapeHtml(p)}</p>`)
      .join('\n');
    writeFileSync(
      join(dir, `page-${String(i).padStart(6, '0')}.html`),
      `<!doctype html><html lang="${source.language ?? 'en'}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
        `${source.author ? `<meta name="author" content="${escapeHtml(source.author)}">` : ''}` +
        `${source.publishedAt ? `<meta property="article:published_time" content="${source.publishedAt}">` : ''}</head>` +
        `<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/world">World</a></nav>` +
        `<article><h1>${escapeHtml(title)}</h1>${paragraphs}</article>` +
        `<footer>© ${escapeHtml(source.outlet ?? 'The Daily')} · Terms · Privacy</footer></body></html>`,
    );
    i++;
  }
}
