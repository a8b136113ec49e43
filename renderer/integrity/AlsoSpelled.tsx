import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { NameVariant } from '../../shared/integrity/integritySchemas';
import { api } from '../api/client';

/**
 * Under the search box: the archive's other spellings of a name searched for, when it uses them
 * for the same person ("Also spelled: Jolly, Jolie"); each runs the search with that spelling.
 */
export function AlsoSpelled({ query, onSearch }: { query: string; onSearch: (query: string) => void }) {
  const intl = useIntl();
  const [variants, setVariants] = useState<NameVariant[]>([]);
  useEffect(() => {
    let live = true;
    if (!query.trim()) {
      setVariants([]);
      return;
    }
    const timer = setTimeout(() => {
      void api.nameVariants({ query }).then((result) => {
        if (live) setVariants(result.ok ? result.value : []);
      });
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);
  if (variants.length === 0) return null;
  return (
    <>
      {variants.map((variant) => (
        <p key={`${variant.person}|${variant.name}`} className="also-spelled">
          {intl.formatMessage({ id: 'integrity.alsoSpelled' })}{' '}
          {variant.variants.map((spelling, i) => (
            <span key={spelling}>
              {i > 0 ? ', ' : ''}
              <button
                type="button"
                className="link"
                title={intl.formatMessage({ id: 'integrity.alsoSpelled.title' }, { person: variant.person, spelling })}
                onClick={() => onSearch(withSpelling(query, variant.name, spelling))}
              >
                {spelling}
              </button>
            </span>
          ))}
        </p>
      ))}
    </>
  );
}

/** The query with the name spelt the other way (the whole query when the name is not in it as typed). */
function withSpelling(query: string, name: string, spelling: string): string {
  const pattern = new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  return pattern.test(query) ? query.replace(pattern, spelling) : spelling;
}
