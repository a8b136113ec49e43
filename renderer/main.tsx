import { sendFirstRequests } from './boot/firstRequests';

// The page's first script is small: it asks main for the settings and the brief to open, then
// loads the app, so the answers arrive while the browser compiles React, Lexical and citeproc.
sendFirstRequests();
const container = document.getElementById('root');
if (container) void import('./boot/mountApp').then(({ mountApp }) => mountApp(container));
