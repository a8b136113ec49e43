import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { quoteProblemText } from '../../../renderer/i18n/quoteProblem';
import { intlConfig } from '../../../shared/i18n/catalogs';
import { checkQuote } from '../../../shared/quoteIntegrity';

const BODY =
  'Officials said the government will act quickly. “It’s a priority,” the Minister said.\n\n' +
  'Canada and Korea will share radar data over the Arctic.';
const en = createIntl(intlConfig('en'));
const fr = createIntl(intlConfig('fr'));

const problemOf = (quote: string) => {
  const result = checkQuote(quote, BODY);
  if (result.ok) throw new Error(`"${quote}" matched`);
  return result;
};

describe('why a quotation does not match, in the interface language', () => {
  it.each([
    '',
    '[sic]',
    'overnment will act',
    'the government will never act very slowly',
    'THE GOVERNMENT will act',
    'will Act quickly',
    'will act quickly. It’s a priority',
    'act quickly the government',
    'Officials said ... radar data',
  ])('says in English exactly what the check says for %j', (quote) => {
    const { reason, problem } = problemOf(quote);
    expect(quoteProblemText(en, problem)).toBe(reason);
  });

  it('says it in French with French quotation marks', () => {
    const nbsp = '\u202f';
    expect(quoteProblemText(fr, problemOf('the government will never act very slowly').problem)).toBe(
      `Ces mots ne sont pas dans la source\u00a0: «${nbsp}never${nbsp}», «${nbsp}very slowly${nbsp}».`,
    );
    expect(quoteProblemText(fr, problemOf('will Act quickly').problem)).toBe(
      `La source écrit «${nbsp}act${nbsp}», et non «${nbsp}Act${nbsp}»; signalez la modification ainsi\u00a0: «${nbsp}[A]ct${nbsp}».`,
    );
    expect(quoteProblemText(fr, { id: 'quote.problem.sourceGone', values: {} })).toBe(
      'La source de cette citation n’est plus dans l’archive.',
    );
  });
});
