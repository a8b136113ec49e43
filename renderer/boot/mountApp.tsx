import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../App';
import { LocaleProvider } from '../i18n/LocaleProvider';
import '../styles.css';

/** Draws the app into the page's root element: the bulk of the script, loaded by main.tsx. */
export function mountApp(container: HTMLElement): void {
  createRoot(container).render(
    <StrictMode>
      <LocaleProvider>
        <App />
      </LocaleProvider>
    </StrictMode>,
  );
}
