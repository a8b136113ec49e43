import { leadingIsoDate } from './dates';

export interface FrontMatter {
  title?: string;
  publishedAt?: string;
  author?: string;
  outlet?: string;
  url?: string;
}

const URL_PATTERN = /^https?:\/\/\S+$/i;

/**
 * Reads a YAML-style front-matter block (`---` … `---`), as note-taking tools write at the top of
 * markdown files. Only simple `key: value` lines are understood. Returns the metadata and the
 * number of lines the block occupies, or null when the file does not start with one.
 */
export function readFrontMatter(lines: readonly string[]): { meta: FrontMatter; lineCount: number } | null {
  if (lines[0]?.trim() !== '---') return null;
  const end = lines.findIndex((line, i) => i > 0 && i <= 60 && /^(?:---|\.\.\.)\s*$/.test(line));
  if (end < 0) return null;
  const meta: FrontMatter = {};
  let understood = 0;
  for (const line of lines.slice(1, end)) {
    const match = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line.trim());
    if (!match) continue;
    understood++;
    const key = match[1]!.toLowerCase();
    const value = match[2]!
      .trim()
      .replace(/^(["'])(.*)\1$/, '$2')
      .trim();
    if (!value) continue;
    if (key === 'title') meta.title = value;
    else if (['date', 'published', 'published_at', 'publishedat', 'pubdate'].includes(key)) {
      const date = leadingIsoDate(value);
      if (date) meta.publishedAt = date;
    } else if (['author', 'authors', 'byline', 'by'].includes(key)) meta.author = value;
    else if (['url', 'link', 'source_url', 'canonical'].includes(key) && URL_PATTERN.test(value)) meta.url = value;
    else if (['outlet', 'publication', 'publisher', 'source', 'site'].includes(key)) {
      if (URL_PATTERN.test(value)) meta.url ??= value;
      else meta.outlet = value;
    }
  }
  // A lone "---" followed later by another is a pair of horizontal rules, not metadata.
  return understood > 0 ? { meta, lineCount: end + 1 } : null;
}
