import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the archive lives when no --data-dir is given: PRECIS_DATA_DIR, else the platform's
 * user-data folder under the same name Electron's app.getPath('userData') uses, so the desktop
 * app, browser mode and the CLI all open the same archive.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PRECIS_DATA_DIR) return env.PRECIS_DATA_DIR;
  const home = homedir();
  switch (process.platform) {
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Precis');
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Precis');
    default:
      return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Precis');
  }
}
