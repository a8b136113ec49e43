import type { ParsedFile } from '../../../../main/importers/article';

/** A parsed file as the importers make one, for storing through the archive interface. */
export function parsedSource(body: string, fields: Partial<ParsedFile> = {}): ParsedFile {
  return {
    title: 'A title',
    outlet: null,
    author: null,
    publishedAt: null,
    url: null,
    language: 'en',
    body,
    original: body,
    format: 'txt',
    pageStarts: null,
    ...fields,
  };
}

/** A long article body about one story; `variant` rewrites a few words (a syndicated copy). */
export function storyBody(topic: string, variant = ''): string {
  return [
    `Officials in Ottawa confirmed on Tuesday that the ${topic} review would examine procurement delays,`,
    'cost overruns and the readiness of the fleet, after months of criticism from opposition critics.',
    `The minister said the ${topic} assessment, led by an independent panel of retired auditors, would report`,
    `by the spring${variant}. Analysts expect the findings to shape next year's budget and the defence policy update,`,
    'with particular attention to shipbuilding schedules, maintenance contracts and recruitment shortfalls.',
  ].join(' ');
}
