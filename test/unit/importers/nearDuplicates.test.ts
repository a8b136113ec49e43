import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/archive/database';
import { features, fingerprint, isNearDuplicate, similarity } from '../../../main/archive/nearDuplicates';
import type { SourceArchive } from '../../../main/archive/sourceArchive';
import { insertSource } from '../../../main/archive/sources';
import { importBuffer } from '../../../main/importers/importBuffer';
import { parsePlainText } from '../../../main/importers/plainText';
import { cleanUpTemp, SEEDS_DIR, tempArchive } from '../support/tempArchive';
import { archiveEnginesPerFile, importBytes, importedBytes, importSeeds } from '../team/support/engineArchive';
import { ENGINES } from '../team/support/teamFixture';

afterEach(cleanUpTemp);
const freshArchive = archiveEnginesPerFile();

const STORY = [
  'Dock workers at the Port of Montreal walked off the job on Monday after talks with the Maritime Employers Association broke down over scheduling and pensions, halting container traffic at the country’s second-busiest port.',
  'The union, which represents about 1,150 longshore workers, said the employer had refused to budge on a proposal that would force members to work 19 days out of 21 during peak season.',
  'Federal Labour Minister Seamus O’Regan urged both sides to return to the bargaining table, saying Ottawa would not hesitate to act if the strike threatened supply chains already strained by the pandemic.',
  'Shipping lines began diverting vessels to Halifax and Saint John, and manufacturers warned that parts shortages could idle assembly lines in Ontario and Quebec within two weeks.',
  'The employers’ association said its final offer included a 2.5 per cent annual wage increase over six years and improvements to the pension plan, and accused the union of rejecting it without a vote.',
  'It is the third labour disruption at the port in four years. A mediator appointed in the spring is expected to meet both parties again on Thursday.',
];

/** The same story, lightly edited: a few words changed, a paragraph dropped, one sentence added. */
const REWRITE = [
  'Longshore workers at the Port of Montreal walked off the job on Monday after negotiations with the Maritime Employers Association broke down over scheduling and pensions, halting container traffic at Canada’s second-busiest port.',
  'The union, which represents roughly 1,150 dock workers, said the employer had refused to move on a proposal that would force members to work 19 days out of 21 during the peak season.',
  'Labour Minister Seamus O’Regan urged both sides to return to the table, saying Ottawa would not hesitate to intervene if the strike threatened supply chains already strained by the pandemic.',
  'Shipping lines started diverting vessels to Halifax and Saint John. Manufacturers warned that shortages of parts could idle assembly lines in Ontario and Quebec within two weeks.',
  'It is the third labour disruption at the port in four years, and the second this year. A mediator named in the spring is expected to meet both parties on Thursday.',
];

/** The same story as a different translator would render it: new wording, same facts and names. */
const LOOSE_TRANSLATION = [
  'On Monday the longshoremen of the Port of Montreal stopped work, after negotiations with the Maritime Employers Association collapsed over work schedules and pension plans; container traffic at the second-largest port in the country is halted.',
  'According to the union, which speaks for some 1,150 longshoremen, the employers would not give ground on their demand that members be available 19 days out of 21 in the peak season.',
  'Seamus O’Regan, the federal Minister of Labour, called on the parties to resume bargaining, and said Ottawa was ready to act should the strike put supply chains, already weakened by the pandemic, at risk.',
  'Vessels are being sent on to Halifax and to Saint John by shipping lines, while manufacturers fear that a lack of parts will bring assembly lines in Quebec and Ontario to a standstill inside two weeks.',
  'The association of employers says its last offer contained annual wage increases of 2.5 per cent for six years, with pension plan improvements, and it charges that the union turned it down without holding a vote.',
  'This is the third labour conflict at the port in four years. The mediator named this spring should meet the two parties once more on Thursday.',
];

/** Another story on the same topic: same port, same actors, different news. */
const SAME_TOPIC = [
  'The Port of Montreal reported record container volumes for the first quarter, as shippers returned after last year’s strike and new cranes came into service at the Viau terminal.',
  'Port officials said traffic rose 11 per cent compared with the same period a year earlier, driven by imports of consumer goods from Asia and exports of grain from the Prairies.',
  'The Maritime Employers Association and the longshore union signed a new seven-year agreement in February, ending a dispute that had twice disrupted operations.',
  'The federal government has promised $150 million for a new terminal at Contrecoeur, downriver from Montreal, which the port says will double its capacity by 2030.',
  'Environmental groups oppose the project, arguing that it threatens the habitat of the copper redhorse, a fish found only in the St. Lawrence River.',
];

const textOf = (title: string, paragraphs: string[]) => `${title}\n\n${paragraphs.join('\n\n')}`;
const featuresOf = (paragraphs: string[]) => features(paragraphs.join('\n\n'));

function page(chrome: 'a' | 'b', paragraphs: string[]): Uint8Array {
  const before =
    chrome === 'a'
      ? '<nav><a href="/">Home</a> <a href="/news">News</a></nav><div class="ad">Advertisement</div>'
      : '<header class="site-header">Daily Wire — Business</header><div class="newsletter">Sign up for our newsletter</div>';
  const after =
    chrome === 'a'
      ? '<aside class="related"><h3>Read more</h3><ul><li>Rail strike looms</li><li>Ports brace for delays</li></ul></aside>'
      : '<p>PHOTO JOHN SMITH, THE CANADIAN PRESS</p><p>Containers at the Port of Montreal</p><footer>© 2023 Daily Wire</footer>';
  const body = paragraphs.map((p) => `<p>${p}</p>`).join('');
  return new TextEncoder().encode(
    `<html><head><title>Montreal port strike</title></head><body>${before}<article><h1>Montreal port workers strike</h1>${body}</article>${after}</body></html>`,
  );
}

async function imported(db: Db, name: string, bytes: Uint8Array | string): Promise<number> {
  const outcome = await importBuffer(db, name, typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes);
  if (outcome.kind !== 'imported') throw new Error(`${name}: ${JSON.stringify(outcome)}`);
  return outcome.id;
}

const clusterOf = (db: Db, id: number) =>
  (db.prepare('SELECT cluster_id FROM sources WHERE id = ?').get(id) as { cluster_id: number | null }).cluster_id;

describe('near-duplicate measures', () => {
  it('score copies, rewrites and translations high, and another story on the topic low', () => {
    const story = featuresOf(STORY);
    expect(isNearDuplicate(story, featuresOf(REWRITE))).toBe(true);
    expect(isNearDuplicate(story, featuresOf(LOOSE_TRANSLATION))).toBe(true);
    expect(isNearDuplicate(story, featuresOf(SAME_TOPIC))).toBe(false);
    expect(isNearDuplicate(featuresOf(LOOSE_TRANSLATION), featuresOf(SAME_TOPIC))).toBe(false);
    // Shortened wire copy: the first half of the story.
    expect(isNearDuplicate(story, featuresOf(STORY.slice(0, 3)))).toBe(true);
    expect(similarity(story, featuresOf(SAME_TOPIC)).phrases).toBeLessThan(0.1);
  });

  it('keep fingerprint scheme 1: the buckets archives already hold (made from sets of words) come out the same', () => {
    // Computed at af22062, before features became sorted 53-bit keys: a change here would leave
    // every stored fingerprint unmatched unless FINGERPRINT_SCHEME is bumped.
    const text =
      'The minister met the ambassador in Ottawa on Tuesday to discuss sanctions, trade, visas and the embassy staff; officials said talks on the pipeline, the fisheries dispute and Arctic sovereignty would continue next week in Brussels with European counterparts and NATO delegates.';
    const print = fingerprint(features(text));
    expect(print.contentWords).toBe(26);
    expect(print.buckets.slice(0, 4)).toEqual([976454706, 8380997618, 9402289239, 15763089058]);
    expect(print.buckets.at(-1)).toBe(136929231203);
  });

  it('never cluster short notes, however alike', () => {
    expect(
      isNearDuplicate(features('Call the embassy about visas.'), features('Call the embassy about visas today.')),
    ).toBe(false);
  });

  it('put the two translations of the La Presse story (seeds 000 and 001) together and the other seeds apart', () => {
    const seeds = readdirSync(SEEDS_DIR)
      .sort()
      .map((name) => features(parsePlainText(readFileSync(join(SEEDS_DIR, name), 'utf8'), name).body));
    for (let i = 0; i < seeds.length; i++) {
      for (let j = i + 1; j < seeds.length; j++) {
        expect(isNearDuplicate(seeds[i]!, seeds[j]!), `seeds ${i} and ${j}`).toBe(i === 0 && j === 1);
      }
    }
  });
});

// The same tests against the embedded archive and a real PostgreSQL team archive (docs/team-archive.md).
describe.each(ENGINES)('clustering at import (%s)', (engine) => {
  /** The head a source joined, or null for a head (or a source on its own). */
  const headOf = async (archive: SourceArchive, id: number) => {
    const source = await archive.getSource(id);
    return source!.clusterId === id ? null : source!.clusterId;
  };

  it('clusters seeds 000 and 001 under the first, and leaves 002, 003 and 004 on their own', async () => {
    const target = await freshArchive(engine);
    const { archive } = target;
    const id = await importSeeds(target);
    expect(await headOf(archive, id('000'))).toBeNull();
    expect(await headOf(archive, id('001'))).toBe(id('000'));
    for (const prefix of ['002', '003', '004']) {
      expect(await headOf(archive, id(prefix))).toBeNull();
      expect(await archive.getSource(id(prefix))).toMatchObject({ clusterId: id(prefix), clusterSize: 1 });
    }
    expect(await archive.getSource(id('001'))).toMatchObject({ clusterId: id('000'), clusterSize: 2 });
    expect((await archive.listClusterMembers(id('000'))).map((s) => s.id)).toEqual([id('000'), id('001')]);
  });

  it('clusters one story saved from two sites, as text, rewritten and translated, with every member pointing at the head', async () => {
    const target = await freshArchive(engine);
    const { archive } = target;
    const head = await importedBytes(target, 'montreal-a.html', page('a', STORY));
    // Only the chrome differs: once it is stripped, the text is the same, so it is not stored again.
    expect(await importBytes(target, 'montreal-a2.html', page('b', STORY))).toEqual({
      kind: 'duplicate',
      duplicateOf: head,
    });
    // A syndicated copy: the wire's dateline and credits around the same text, on another site.
    const syndicated = [
      `MONTREAL (Reuters) - ${STORY[0]}`,
      ...STORY.slice(1),
      'Reporting by Jane Doe; editing by John Roe.',
    ];
    const otherSite = await importedBytes(target, 'montreal-b.html', page('b', syndicated));
    const wire = await importedBytes(
      target,
      'wire.txt',
      `${textOf('Montreal port workers strike', STORY)}\n\nBy Jane Doe, Reuters`,
    );
    const rewrite = await importedBytes(
      target,
      'rewrite.md',
      `# Montreal dock workers strike\n\n${REWRITE.join('\n\n')}`,
    );
    const translation = await importedBytes(
      target,
      'translation.txt',
      textOf('Strike at the Port of Montreal', LOOSE_TRANSLATION),
    );
    const other = await importedBytes(
      target,
      'record.txt',
      textOf('Port of Montreal posts record quarter', SAME_TOPIC),
    );

    expect(await headOf(archive, head)).toBeNull();
    for (const member of [otherSite, wire, rewrite, translation]) expect(await headOf(archive, member)).toBe(head);
    expect(await headOf(archive, other)).toBeNull();
    expect(await archive.getSource(translation)).toMatchObject({ clusterId: head, clusterSize: 5 });
  });

  it('reports an exact duplicate without storing it (or its fingerprint) twice', async () => {
    const target = await freshArchive(engine);
    const first = await importedBytes(target, 'a.txt', textOf('Montreal port workers strike', STORY));
    const again = await importBytes(target, 'b.txt', textOf('MONTREAL PORT WORKERS STRIKE', STORY).toUpperCase());
    expect(again).toEqual({ kind: 'duplicate', duplicateOf: first });
    expect(await target.archive.count()).toBe(1);
    if (target.db) expect(target.db.prepare('SELECT count(*) AS n FROM source_fingerprints').get()).toEqual({ n: 1 });
  });
});

// SQLite only: the fingerprint table and its backfill of sources stored before clustering existed
// are the local archive's own (a team archive fingerprints every source as it stores it).
describe('fingerprints in the local archive', () => {
  it('fingerprints sources stored before clustering existed, and clusters them with what follows', async () => {
    const { db } = tempArchive();
    const add = (title: string, paragraphs: string[]) => {
      const body = paragraphs.join('\n\n');
      const base = { title, outlet: null, author: null, publishedAt: null, url: null, language: 'en' };
      const outcome = insertSource(db, { ...base, body, original: body, fileName: null });
      if (outcome.kind !== 'inserted') throw new Error('expected an insert');
      return outcome.id;
    };
    const old = add('Strike', STORY);
    const oldRewrite = add('Strike, rewritten', REWRITE);
    expect(db.prepare('SELECT count(*) AS n FROM source_fingerprints').get()).toEqual({ n: 0 });

    const fresh = await imported(db, 'translation.txt', textOf('Strike at the Port of Montreal', LOOSE_TRANSLATION));
    expect(db.prepare('SELECT count(*) AS n FROM source_fingerprints').get()).toEqual({ n: 3 });
    expect(clusterOf(db, old)).toBeNull();
    expect(clusterOf(db, oldRewrite)).toBe(old);
    expect(clusterOf(db, fresh)).toBe(old);
  });

  it('fingerprints an archive larger than one backfill batch', async () => {
    const { db } = tempArchive();
    for (let i = 0; i < 450; i++) {
      const body = `Note ${i}: call the embassy about visa case ${i * 7}.`;
      const base = { title: `Note ${i}`, outlet: null, author: null, publishedAt: null, url: null, language: 'en' };
      insertSource(db, { ...base, body, original: body, fileName: null });
    }
    await imported(db, 'story.txt', textOf('Montreal port workers strike', STORY));
    expect(db.prepare('SELECT count(*) AS n FROM source_fingerprints').get()).toEqual({ n: 451 });
  });

  it('reports an exact duplicate without storing it or its fingerprint twice', async () => {
    const { db } = tempArchive();
    const first = await imported(db, 'a.txt', textOf('Montreal port workers strike', STORY));
    const again = await importBuffer(
      db,
      'b.txt',
      new TextEncoder().encode(textOf('MONTREAL PORT WORKERS STRIKE', STORY).toUpperCase()),
    );
    expect(again).toEqual({ kind: 'duplicate', duplicateOf: first });
    expect(db.prepare('SELECT count(*) AS n FROM source_fingerprints').get()).toEqual({ n: 1 });
  });
});
