import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import type { TeamArchiveStatus } from '../../shared/contract';
import { api } from '../api/client';

/**
 * "Team archive": connect this session's searches and sources to the team's PostgreSQL archive.
 * The URL names the analyst (postgres://USER@HOST:PORT/DB) and is remembered; the password is
 * asked for each session and sent to main only to open the connection: it is never stored here.
 */
export function TeamArchivePanel({
  onChanged,
  onError,
}: {
  onChanged: () => void;
  onError: (message: string) => void;
}) {
  const intl = useIntl();
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<TeamArchiveStatus | null>(null);
  const [server, setServer] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const panelId = useId();
  // Fields typed into before the remembered URL arrives are the analyst's: the late answer must not replace them.
  const typed = useRef(false);

  useEffect(() => {
    void api.getTeamArchive({}).then((result) => {
      if (!result.ok) return;
      setStatus(result.value);
      if (result.value.url && !typed.current) {
        const url = new URL(result.value.url);
        setUser(decodeURIComponent(url.username));
        url.username = '';
        setServer(url.toString());
      }
    });
  }, []);

  const connect = async (event: FormEvent) => {
    event.preventDefault();
    const url = new URL(server.trim() || 'postgres://localhost/precis');
    url.username = encodeURIComponent(user.trim());
    setBusy(true);
    const result = await api.connectTeamArchive({ url: url.toString(), password });
    setBusy(false);
    setPassword('');
    if (!result.ok) return onError(result.error.message);
    setStatus(result.value);
    onChanged();
  };
  const disconnect = async () => {
    const result = await api.disconnectTeamArchive({});
    if (!result.ok) return onError(result.error.message);
    setStatus(result.value);
    onChanged();
  };

  const summary = !status?.connected
    ? intl.formatMessage({ id: 'team.status.local' })
    : status.sourceCount === null
      ? intl.formatMessage({ id: 'team.status.unreachable' }, { user })
      : intl.formatMessage({ id: 'team.status.connected' }, { user, count: status.sourceCount });
  return (
    <div className="team-archive">
      <button type="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        {intl.formatMessage({ id: 'team.button' })}
      </button>
      {open ? (
        <form
          id={panelId}
          aria-label={intl.formatMessage({ id: 'team.panel.label' })}
          onSubmit={(e) => void connect(e)}
        >
          <p role="status">{summary}</p>
          <label>
            {intl.formatMessage({ id: 'team.field.server' })}
            <input
              type="url"
              value={server}
              placeholder="postgres://db.example:5432/precis_team"
              onChange={(event) => {
                typed.current = true;
                setServer(event.target.value);
              }}
            />
          </label>
          <label>
            {intl.formatMessage({ id: 'team.field.user' })}
            <input
              value={user}
              autoComplete="username"
              onChange={(event) => {
                typed.current = true;
                setUser(event.target.value);
              }}
            />
          </label>
          <label>
            {intl.formatMessage({ id: 'team.field.password' })}
            <input
              type="password"
              value={password}
              autoComplete="current-password"
              onChange={(event) => setPassword(event.target.value)}
            />
          </label>
          <button type="submit" disabled={busy || !user.trim()}>
            {intl.formatMessage({ id: 'team.connect' })}
          </button>
          {status?.connected ? (
            <button type="button" onClick={() => void disconnect()}>
              {intl.formatMessage({ id: 'team.disconnect' })}
            </button>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
