import { sendFirstRequests } from './boot/firstRequests';

// The page's first script is small: it asks main for the settings and the brief to open, then
// loads the app, so the answers arrive while the browser compiles React, Lexical and citeproc.
sendFirstRequests();
const container = document.getElementById('root');
if (container) void import('./boot/mountApp').then(({ mountApp }) => mountApp(container));
// V8 lists ICU's locales on the first call that needs them (60 ms and more of CPU here), and
// react-intl's createIntl makes two such calls before the first render: made now instead, while
// the page waits for the app's script, they cost the first render nothing.
setTimeout(() => {
  Intl.NumberFormat.supportedLocalesOf('en');
  Intl.DateTimeFormat.supportedLocalesOf('en');
}, 0);
