import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlainText } from '../../../main/importers/plainText';
import { SEEDS_DIR } from '../support/tempArchive';

const seed = (prefix: string): { raw: string; name: string } => {
  const name = readdirSync(SEEDS_DIR).find((file) => file.startsWith(prefix));
  if (!name) throw new Error(`no seed ${prefix}`);
  return { raw: readFileSync(join(SEEDS_DIR, name), 'utf8'), name };
};
const parseSeed = (prefix: string) => {
  const { raw, name } = seed(prefix);
  return parsePlainText(raw, name);
};

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('parsePlainText on the seed articles', () => {
  it('002: reads the date marker and the headline on the same line', () => {
    const parsed = parseSeed('002');
    expect(parsed.publishedAt).toBe('2023-04-13');
    expect(parsed.title).toBe('Canada, South Korea plan to boost security ties, launch talks on intelligence-sharing');
    expect(parsed.body.startsWith('Canada and South Korea plan to launch talks')).toBe(true);
    expect(parsed.body).not.toContain('date 2023-04-13');
  });

  it('001: the short first line is the title and leaves the body', () => {
    const parsed = parseSeed('001');
    expect(parsed.title).toBe('Military Intelligence Sharing | Towards an agreement between Canada and South Korea');
    expect(parsed.body.startsWith('(Ottawa) Amid heightened geopolitical tensions')).toBe(true);
    expect(parsed.author).toBeNull();
    expect(parsed.outlet).toBeNull();
  });

  it('000: with no headline, the title is the first sentence without its dateline, cut at a word', () => {
    const parsed = parseSeed('000');
    expect(parsed.title).toBe(
      'Amid heightened geopolitical tensions and a series of cyberattacks, the first milestone in a…',
    );
    expect(parsed.title.length).toBeLessThanOrEqual(100);
    // The sentence stays in the body: it is article text, not a headline.
    expect(parsed.body.startsWith('(OTTAWA) Amid heightened geopolitical tensions')).toBe(true);
  });

  it('004: the closing name and outlet lines become author and outlet', () => {
    const parsed = parseSeed('004');
    expect(parsed.title).toBe('Canada, Japan begin formal talks on intelligence-sharing pact, further military ties');
    expect(parsed.author).toBe('Dylan Robertson');
    expect(parsed.outlet).toBe('The Canadian Press');
    expect(parsed.body.endsWith('Later, more emphasis was placed on nuclear energy.')).toBe(true);
    expect(parsed.body).not.toMatch(/Dylan Robertson|canadian press/i);
  });

  it('003: one paragraph per line, lists and table rows kept', () => {
    const parsed = parseSeed('003');
    const paragraphs = parsed.body.split('\n\n');
    expect(paragraphs).toContain('What This Intelligence-Sharing Pact Actually Means');
    expect(paragraphs).toContain('| Joint military exercises | 2 per year | 6+ per year |');
    expect(paragraphs.filter((p) => p.startsWith('- '))).toHaveLength(5);
  });

  it.each(['000', '001', '002', '003', '004'])('%s: keeps every line of article text, in order', (prefix) => {
    const { raw, name } = seed(prefix);
    const parsed = parsePlainText(raw, name);
    const readMore = raw.slice(raw.indexOf('Read more:')).split('\n');
    const removed = new Set(
      [
        // Metadata: headlines, the date marker, the closing credit.
        ' date 2023-04-13 Canada, South Korea plan to boost security ties, launch talks on intelligence-sharing',
        'Military Intelligence Sharing | Towards an agreement between Canada and South Korea',
        'Canada, Japan begin formal talks on intelligence-sharing pact, further military ties',
        'Dylan Robertson',
        'canadian press',
        // Furniture: a photo credit and its caption, a clipper marker, a promotion, a link list.
        'PHOTO KIM HONG-JI, ASSOCIATED PRESS ARCHIVES',
        'South Korean Foreign Minister Park Jin',
        'source site-60',
        'For the latest headlines, follow our Google News channel online or via the app.',
        ...(prefix === '002' ? readMore : []),
      ].map(flat),
    );
    const kept = raw
      .split(/\r?\n/)
      .map(flat)
      .filter((line) => line !== '' && !removed.has(line));
    expect(parsed.body.split('\n\n')).toEqual(kept);
    // Nothing is lost: the original keeps the furniture too.
    expect(parsed.original).toBe(raw);
    expect(parsed.language).toBe('en');
  });

  it('002: the "Read more:" list of other headlines is out of the body, every entry of it', () => {
    const parsed = parseSeed('002');
    expect(
      parsed.body.endsWith(
        'to support implementation of United Nations Security Council sanctions against North Korea.',
      ),
    ).toBe(true);
    expect(parsed.body).not.toMatch(/Read more|Five Eyes commitment|ice storm|Roj camp|Google News/);
    expect(parsed.original).toContain('Canada repatriates 14 women, children from Syria’s Roj camp');
  });

  it('001: the photo credit and its caption are out of the body; the subheading stays', () => {
    const parsed = parseSeed('001');
    expect(parsed.body).not.toMatch(/PHOTO KIM HONG-JI|Foreign Minister Park Jin\n|source site-60/);
    expect(parsed.body.split('\n\n')).toContain('Equipment deployed in Japan');
    expect(parsed.original).toContain('PHOTO KIM HONG-JI, ASSOCIATED PRESS ARCHIVES');
  });
});

describe('parsePlainText heuristics', () => {
  it('strips a BOM, normalises line endings and removes highlight markers and control characters', () => {
    const parsed = parsePlainText(
      '\uFEFFHeadline here\r\n\r\nFirst \uE000para\uE001graph.\r\nSecond\u0007 line.\rThird.\fFourth.',
      'a.txt',
    );
    expect(parsed.title).toBe('Headline here');
    expect(parsed.body).toBe('First paragraph.\n\nSecond line.\n\nThird.\n\nFourth.');
    expect(parsed.original.startsWith('\uFEFF')).toBe(true);
  });

  it('joins soft-hyphenated words and composes decomposed accents', () => {
    const parsed = parsePlainText('Title\n\nThe intel\u00ADligence of Me\u0301lanie.', 'a.txt');
    expect(parsed.body).toBe('The intelligence of Mélanie.');
  });

  it('reads a date marker on its own line, before or after the headline', () => {
    expect(parsePlainText('date 2024-02-29\nBudget talks\n\nText here.', 'a.txt')).toMatchObject({
      publishedAt: '2024-02-29',
      title: 'Budget talks',
      body: 'Text here.',
    });
    expect(parsePlainText('Budget talks\nDate: 2024-03-01\n\nText here.', 'a.txt')).toMatchObject({
      publishedAt: '2024-03-01',
      title: 'Budget talks',
      body: 'Text here.',
    });
  });

  it('ignores an impossible date', () => {
    const parsed = parsePlainText('date 2023-02-30 Budget talks\n\nText here.', 'a.txt');
    expect(parsed.publishedAt).toBeNull();
  });

  it('takes a markdown heading as the title and drops heading marks in the body', () => {
    const parsed = parsePlainText('# Arctic security review.\n\n## Background\n\nText here.', 'notes.md');
    expect(parsed.title).toBe('Arctic security review.');
    expect(parsed.body).toBe('Background\n\nText here.');
  });

  it('does not end the derived title at an abbreviation or initials', () => {
    const parsed = parsePlainText(
      'Ms. Joly told U.S. officials that Canada would act. Later she left for Tokyo and many other places in the region.',
      'a.txt',
    );
    expect(parsed.title).toBe('Ms. Joly told U.S. officials that Canada would act');
  });

  it('skips an all-capitals dateline with a dash', () => {
    const parsed = parsePlainText('SEOUL, South Korea (AP) — Talks began on Monday. More later.', 'a.txt');
    expect(parsed.title).toBe('Talks began on Monday');
  });

  it('reads one-line credits at the start and the end', () => {
    const leading = parsePlainText('Trade talks\n\nBy Jane Doe, Reuters\n\nThe talks began.\n\nThey ended.', 'a.txt');
    expect(leading).toMatchObject({ author: 'Jane Doe', outlet: 'Reuters', body: 'The talks began.\n\nThey ended.' });

    const trailing = parsePlainText(
      'Trade talks\n\nThe talks began.\n\nThey ended.\n\n— JANE DOE, the canadian press',
      'a.txt',
    );
    expect(trailing).toMatchObject({
      author: 'Jane Doe',
      outlet: 'The Canadian Press',
      body: 'The talks began.\n\nThey ended.',
    });

    const bare = parsePlainText('Trade talks\n\nThe talks began.\n\nThey ended.\n\n(Reuters)', 'a.txt');
    expect(bare).toMatchObject({ author: null, outlet: 'Reuters', body: 'The talks began.\n\nThey ended.' });
  });

  it('reads "Name / Outlet" credits and a wire service named in the dateline', () => {
    const slash = parsePlainText(
      'Trade talks\n\nThe talks began.\n\nThey ended.\n\nDylan Robertson / Canadian Press',
      'a.txt',
    );
    expect(slash).toMatchObject({
      author: 'Dylan Robertson',
      outlet: 'The Canadian Press',
      body: 'The talks began.\n\nThey ended.',
    });

    const leading = parsePlainText('Trade talks\n\nJane Doe / Reuters\n\nThe talks began.\n\nThey ended.', 'a.txt');
    expect(leading).toMatchObject({ author: 'Jane Doe', outlet: 'Reuters', body: 'The talks began.\n\nThey ended.' });

    const dateline = parsePlainText(
      'Trade talks\n\nSEOUL, South Korea (AP) — The talks began.\n\nThey ended.',
      'a.txt',
    );
    expect(dateline.outlet).toBe('The Associated Press');
    expect(dateline.body.startsWith('SEOUL, South Korea (AP) — The talks began.')).toBe(true);
  });

  it('title-cases an outlet it does not know, when the credit says "By"', () => {
    const parsed = parsePlainText(
      'Trade talks\n\nThe talks began.\n\nThey ended.\n\nBy Jane Doe\n\nnorthern policy review',
      'a.txt',
    );
    expect(parsed).toMatchObject({ author: 'Jane Doe', outlet: 'Northern Policy Review' });
  });

  it('does not mistake a closing sentence or a signature for a byline', () => {
    const text = 'Trade talks\n\nThe talks began.\n\nMélanie Joly, Minister of Foreign Affairs';
    const parsed = parsePlainText(text, 'a.txt');
    expect(parsed.author).toBeNull();
    expect(parsed.body).toBe('The talks began.\n\nMélanie Joly, Minister of Foreign Affairs');

    const mention = parsePlainText('Trade talks\n\nThe talks began.\n\nThe Canadian Press reported it first.', 'a.txt');
    expect(mention.outlet).toBeNull();
    expect(mention.body).toBe('The talks began.\n\nThe Canadian Press reported it first.');
  });

  it('reflows hard-wrapped text but keeps list items and short lines apart', () => {
    const wrapped = [
      'Arctic review',
      '',
      'The committee heard from twelve witnesses over three days of hearings in',
      'Iqaluit and Ottawa, and it concluded that surveillance gaps remain serious.',
      '',
      'Recommendations:',
      '- Fund two more radar stations along the northern coast of the territory',
      '- Share the data with allies',
      '',
      'The minister is expected to answer the report before the summer recess of',
      'the House of Commons, officials said on background to reporters.',
    ].join('\n');
    const parsed = parsePlainText(wrapped, 'a.txt');
    expect(parsed.body.split('\n\n')).toEqual([
      'The committee heard from twelve witnesses over three days of hearings in Iqaluit and Ottawa, and it concluded that surveillance gaps remain serious.',
      'Recommendations:',
      '- Fund two more radar stations along the northern coast of the territory',
      '- Share the data with allies',
      'The minister is expected to answer the report before the summer recess of the House of Commons, officials said on background to reporters.',
    ]);
  });

  it('does not take the first line of a hard-wrapped paragraph for a headline', () => {
    const wrapped = [
      'The committee heard from twelve witnesses over three days of hearings in',
      'Iqaluit and Ottawa, and it concluded that surveillance gaps remain serious.',
      '',
      'The minister is expected to answer the report before the summer recess of',
      'the House of Commons, officials said on background to reporters.',
    ].join('\n');
    const parsed = parsePlainText(wrapped, 'a.txt');
    expect(
      parsed.body.startsWith('The committee heard from twelve witnesses over three days of hearings in Iqaluit'),
    ).toBe(true);
    expect(parsed.title).toBe(
      'The committee heard from twelve witnesses over three days of hearings in Iqaluit and Ottawa, and…',
    );
    expect(parsed.title.length).toBeLessThanOrEqual(100);
  });

  it('reads YAML front matter in markdown files', () => {
    const text = [
      '---',
      'title: "Arctic review"',
      'date: 2024-05-06T10:00:00Z',
      'author: Jane Doe',
      'source: https://example.org/arctic',
      '---',
      '',
      'The committee met.',
    ].join('\n');
    expect(parsePlainText(text, 'a.md')).toMatchObject({
      title: 'Arctic review',
      publishedAt: '2024-05-06',
      author: 'Jane Doe',
      url: 'https://example.org/arctic',
      body: 'The committee met.',
    });
  });

  it('takes a link on the last line as the URL', () => {
    const parsed = parsePlainText('Title\n\nThe text.\n\nSource: https://example.org/x?id=1', 'a.txt');
    expect(parsed).toMatchObject({ url: 'https://example.org/x?id=1', body: 'The text.' });
  });

  it('keeps a lone short line as both title and body', () => {
    expect(parsePlainText('Call the embassy', 'todo.txt')).toMatchObject({
      title: 'Call the embassy',
      body: 'Call the embassy',
    });
  });

  it('falls back to the file name for a title', () => {
    expect(parsePlainText('  \n ', 'weekly_report-2024.txt').title).toBe('weekly report 2024');
  });

  it('detects French and English, and stays undecided on too little text', () => {
    const fr = parsePlainText(
      'Accord\n\nLe Canada et la Corée du Sud ont annoncé des pourparlers sur le partage de renseignements, a dit une source qui a demandé que son nom ne soit pas publié.',
      'a.txt',
    );
    expect(fr.language).toBe('fr');
    expect(parsePlainText('Accord\n\nOttawa Seoul Tokyo.', 'a.txt').language).toBeNull();
  });
});
