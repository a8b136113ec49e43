import { useEffect, useState } from 'react';
import type { SourceSummary } from '../../shared/source';
import { api } from '../api/client';

/** The other versions of a story (syndicated copies, rewrites, translations), to switch between. */
export function ClusterVersions({ sourceId, onOpen }: { sourceId: number; onOpen: (id: number) => void }) {
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
      <summary>{versions.length} versions of this story</summary>
      <ul aria-label="Versions">
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
                — {[version.outlet, version.publishedAt].filter(Boolean).join(' · ') || 'no date'}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
