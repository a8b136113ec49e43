import type { IntlShape } from 'react-intl';
import type { QuoteProblem } from '../../shared/quoteIntegrity';

/** Why a quotation does not match its source, in the interface language, each phrase in its quotation marks. */
export function quoteProblemText(intl: IntlShape, problem: QuoteProblem): string {
  const values = Object.fromEntries(
    Object.entries(problem.values).map(([name, value]) => [
      name,
      Array.isArray(value)
        ? value.map((text) => intl.formatMessage({ id: 'quote.problem.phrase' }, { text })).join(', ')
        : value,
    ]),
  );
  return intl.formatMessage({ id: problem.id }, values);
}
