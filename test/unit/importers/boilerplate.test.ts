import { describe, expect, it } from 'vitest';
import { findBoilerplate } from '../../../main/importers/boilerplate';

const REPORTING = [
  'Canada and Denmark signed an agreement on Tuesday to share radar data, officials said.',
  'The deal follows two years of negotiations between the two defence ministries.',
];

/** The paragraphs `findBoilerplate` marks, for readable expectations. */
const marked = (paragraphs: string[]) => paragraphs.filter((_, i) => findBoilerplate(paragraphs)[i]);

describe('findBoilerplate', () => {
  it('marks newsletter, app and social promotions, in English and French', () => {
    const promos = [
      'For the latest headlines, follow our Google News channel online or via the app.',
      'Sign up for our daily politics newsletter.',
      'Follow us on Facebook and Twitter for breaking news.',
      'Download the CBC News app for alerts.',
      'Abonnez-vous à notre infolettre quotidienne.',
      'Suivez-nous sur Facebook.',
    ];
    expect(marked([REPORTING[0]!, ...promos, REPORTING[1]!])).toEqual(promos);
  });

  it('marks advertising labels, share buttons, cookie banners and copyright lines', () => {
    const furniture = [
      'ADVERTISEMENT',
      'Story continues below advertisement',
      'Share this article',
      'Reading time: 4 minutes',
      'We use cookies to give you the best experience on our website.',
      'Accept all cookies',
      '© 2024 Northern Herald. All rights reserved.',
      'Publicité',
    ];
    expect(marked([REPORTING[0]!, ...furniture, REPORTING[1]!])).toEqual(furniture);
  });

  it('marks a "Read more:" heading and the list of headlines under it, up to the next paragraph of text', () => {
    const list = [
      'Related stories:',
      'Arctic patrol ships delayed again',
      '-',
      'Defence budget rises 3% as NATO pressure grows...',
      'Minister defends procurement record: Report',
    ];
    const after = 'The agreement still needs approval from Parliament, which sits again in September.';
    expect(marked([REPORTING[0]!, ...list, after])).toEqual(list);
    expect(marked(['Lire aussi :', 'Le budget de la défense augmente', REPORTING[0]!])).toEqual([
      'Lire aussi :',
      'Le budget de la défense augmente',
    ]);
    expect(marked([REPORTING[0]!, 'READ MORE: Arctic patrol ships delayed again', REPORTING[1]!])).toEqual([
      'READ MORE: Arctic patrol ships delayed again',
    ]);
  });

  it('marks photo credits, with the caption that follows a leading credit', () => {
    const paragraphs = [
      REPORTING[0]!,
      'PHOTO JANE SMITH, THE CANADIAN PRESS',
      'Defence Minister Bill Blair in Ottawa',
      REPORTING[1]!,
      'Photo: Getty Images',
      'The radar station at Iqaluit on Monday. (AP Photo/John Smith)',
      'Ships leave port in Halifax.',
    ];
    expect(marked(paragraphs)).toEqual([
      'PHOTO JANE SMITH, THE CANADIAN PRESS',
      'Defence Minister Bill Blair in Ottawa',
      'Photo: Getty Images',
      'The radar station at Iqaluit on Monday. (AP Photo/John Smith)',
    ]);
  });

  it('marks clipper markers and tag lists at the end only', () => {
    expect(marked([...REPORTING, 'Tags: Canada, Denmark, Arctic', 'source site-60'])).toEqual([
      'Tags: Canada, Denmark, Arctic',
      'source site-60',
    ]);
    expect(marked(['source site-60', ...REPORTING])).toEqual([]);
  });

  it('keeps reporting that merely mentions these words', () => {
    const reporting = [
      'Photos show the frigate leaving Halifax harbour on Monday morning.',
      'The regulator said websites that use cookies must ask for consent first.',
      'Follow-up talks on the newsletter ban are planned for next week, the minister said.',
      'Officials would not say whether the app collected location data from users in Canada, which privacy advocates have demanded for months, and the company declined to comment.',
      'Read more about the agreement in the government report tabled in Parliament, which runs to 200 pages and includes detailed costings.',
      'Related talks between the two navies began in 2019.',
    ];
    expect(marked(reporting)).toEqual([]);
  });

  it('ends a link list at the first paragraph that reads like text', () => {
    const paragraphs = ['Read more:', 'Arctic patrol ships delayed again', REPORTING[0]!, 'Short subheading'];
    expect(marked(paragraphs)).toEqual(['Read more:', 'Arctic patrol ships delayed again']);
  });
});
