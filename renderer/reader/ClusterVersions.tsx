import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { SourceSummary } from '../../shared/source';
import { api } from '../api/client';
import { shownDate } from '../i18n/sourceDate';

/** The other versions of a story (syndicated copies, rewrites, translations), to switch between. */
export function ClusterVersions({ sourceId, onOpen }: { sourceId: number; onOpen: (id: number) => void }) {
  const intl = useIntl();
  const [versions, setVersions] = useState<SourceSummary[]>([]);
  useEffect(() => {
    let current = true;
    void api.listClusterMembers({ id: sourceId }).then((result) => {
      if (current && result.ok) setVersions(result.value);
    });
    return () => {
      current = false;
    };
  }, [sourceId]);
  if (versions.length < 2) return null;
  return (
    <details className="versions">
      <summary>{intl.formatMessage({ id: 'versions.summary' }, { count: versions.length })}</summary>
      <ul aria-label={intl.formatMessage({ id: 'versions.list' })}>
        {versions.map((version) => (
          <li key={version.id}>
            <button
              type="button"
              onClick={() => onOpen(version.id)}
              aria-current={version.id === sourceId ? 'true' : undefined}
            >
              {version.title}
              <span className="result-meta">
                {' '}
                —{' '}
                {[version.outlet, shownDate(intl, version)].filter(Boolean).join(' · ') ||
                  intl.formatMessage({ id: 'versions.noDate' })}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
