import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session, type WebFrameMain } from 'electron';
import type { Handlers } from '../../shared/contract';
import { CONTRACT_METHODS, ipcChannel } from '../../shared/contractMethods';
import { appRoot, seedsDir } from '../appPaths';
import { getSetting, setSetting } from '../archive/settings';
import { openCore } from '../core';
import { dispatch } from '../dispatch';
import { exportBrief } from '../export/exportBrief';
import { CONTENT_SECURITY_POLICY } from '../host/browserHost';

// The renderer is served from app://precis/ rather than file://, so it is a normal secure origin
// whose requests we can answer (and restrict) ourselves. `codeCache` lets V8 keep its compiled
// code of the app's scripts between starts, as it does for http(s) pages (off by default for a
// custom scheme): each start after the first then skips most of compiling the app's megabyte.
const SCHEME = 'app';
const ORIGIN = `${SCHEME}://precis`;
protocol.registerSchemesAsPrivileged([
  { scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

const rendererDir = app.isPackaged ? join(app.getAppPath(), 'dist', 'renderer') : join(appRoot(), 'dist', 'renderer');
const sqliteForElectron = app.isPackaged
  ? join(process.resourcesPath, 'better_sqlite3.node')
  : join(appRoot(), 'dist', 'electron-native', 'better_sqlite3.node');

let mainWindow: BrowserWindow | null = null;

function isTrustedSender(frame: WebFrameMain | null): boolean {
  return frame !== null && frame === mainWindow?.webContents.mainFrame && frame.url.startsWith(`${ORIGIN}/`);
}

async function serveRenderer(request: Request): Promise<Response> {
  let path: string;
  try {
    path = decodeURIComponent(new URL(request.url).pathname);
  } catch {
    // Malformed percent-encoding: a bad request, not an exception with a stack in the log.
    return new Response('Malformed URL', { status: 400 });
  }
  const file = resolve(rendererDir, `.${path === '/' ? '/index.html' : path}`);
  if (!file.startsWith(rendererDir + sep)) return new Response('Not found', { status: 404 });
  const response = await net.fetch(pathToFileURL(file).toString());
  const headers = new Headers(response.headers);
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  headers.set('X-Content-Type-Options', 'nosniff');
  return new Response(response.body, { status: response.status, headers });
}

function withSaveDialog(handlers: Handlers): Handlers {
  return {
    ...handlers,
    // The path is chosen here, in main, never taken from the renderer.
    exportBrief: async (input) => {
      const window = mainWindow;
      if (!window) return handlers.exportBrief(input);
      const outcome = await exportBrief(core.db, input, {
        kind: 'file',
        choosePath: async (suggestedName) => {
          const choice = await dialog.showSaveDialog(window, {
            title: 'Export to Word',
            // The folder of the last export, remembered across sessions in the archive's settings.
            defaultPath: join(getSetting(core.db, 'lastExportFolder') ?? app.getPath('documents'), suggestedName),
            filters: [{ name: 'Word document', extensions: ['docx'] }],
          });
          if (choice.canceled || !choice.filePath) return null;
          // Some desktops' dialogs return the typed name without the filter's extension.
          return /\.docx$/i.test(choice.filePath) ? choice.filePath : `${choice.filePath}.docx`;
        },
      });
      if (outcome.kind === 'saved') setSetting(core.db, 'lastExportFolder', resolve(outcome.path, '..'));
      return outcome;
    },
  };
}

app.setName('Precis');
// One app per user: a second launch hands over to the first (which comes to the front) and quits,
// rather than opening the same archive in a second window (see docs/archive-processes.md).
if (!app.requestSingleInstanceLock()) {
  app.quit();
  process.exit(0);
}
app.on('second-instance', () => {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
});
const opening = openCore({
  allowRepair: true,
  dataDir: app.getPath('userData'),
  seedsDir: app.isPackaged ? join(process.resourcesPath, 'seeds') : seedsDir(),
  mode: 'electron',
  version: app.getVersion(),
  nativeBinding: existsSync(sqliteForElectron) ? sqliteForElectron : undefined,
});
// Handled in whenReady; this keeps a failure before then from counting as unhandled.
opening.catch(() => undefined);
let core: Awaited<typeof opening>;

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1440,
    height: 900,
    title: 'Précis',
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // Middle-click would otherwise open links in new windows without passing setWindowOpenHandler.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  });
  mainWindow.webContents.on('will-navigate', (event) => event.preventDefault());
  mainWindow.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void mainWindow.loadURL(`${ORIGIN}/index.html`);
  // Save before quitting: ask the page to flush its pending edits, then close for real.
  let flushed = false;
  mainWindow.on('close', (event) => {
    if (flushed || !mainWindow) return;
    event.preventDefault();
    const window = mainWindow;
    void window.webContents
      .executeJavaScript('window.__precisFlush ? window.__precisFlush() : undefined')
      .catch(() => undefined)
      .finally(() => {
        flushed = true;
        window.close();
      });
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

app.whenReady().then(async () => {
  try {
    core = await opening;
  } catch (error) {
    // E.g. a damaged archive that `precis serve` still has open: say so, change nothing.
    dialog.showErrorBox('Précis cannot open its archive', error instanceof Error ? error.message : String(error));
    app.exit(1);
    return;
  }
  // The window's first request is for the note to open: its handlers load while the window starts.
  core.loadWindowHandlers().catch(() => undefined);
  protocol.handle(SCHEME, serveRenderer);
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  // Offline by construction: the page may load only our own files.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !details.url.startsWith(`${ORIGIN}/`) && !details.url.startsWith('devtools://') });
  });
  const handlers = withSaveDialog(core.handlers);
  for (const method of CONTRACT_METHODS) {
    ipcMain.handle(ipcChannel(method), (event, payload: unknown) => {
      if (!isTrustedSender(event.senderFrame)) {
        return { ok: false, error: { code: 'invalid-input', message: 'Request from an untrusted frame.' } };
      }
      return dispatch(handlers, method, payload);
    });
  }
  createWindow();
});

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});
app.on('window-all-closed', () => {
  core?.close(); // undefined when opening failed
  app.quit();
});
