import { createIntl } from 'react-intl';
import type { AppError, Brief, Result } from '../../shared/contract';
import { intlConfig } from '../../shared/i18n/catalogs';
import { type Locale, pickLocale } from '../../shared/i18n/locale';
import { api, apiWorded } from '../api/client';

/**
 * What the first screen waits for, asked of main as soon as the page's first (small) script runs:
 * the settings (the interface language) and the brief to open. They are answered while the
 * browser is still loading and compiling the rest of the app, instead of one after the other
 * after React's first render (bench:editor's open time, docs/editor.md).
 */
let localeRequest: Promise<Locale> | null = null;
let briefRequest: Promise<Result<Brief>> | null = null;
/** The answers once they came: the first render draws what has already come (readyLocale, readyFirstBrief). */
let localeAnswer: Locale | null = null;
let briefAnswer: Brief | null = null;

/** Sends the first requests (once per page). */
export function sendFirstRequests(): void {
  localeRequest ??= api
    .getSettings({})
    .then((result) => (result.ok ? result.value.language : null) ?? pickLocale(navigator.language))
    .then((locale) => {
      localeAnswer = locale;
      return locale;
    });
  // The brief may be answered before the settings: its error, if any, waits for their language
  // rather than being worded in the English the page speaks until then.
  const locale = localeRequest;
  // One call, so that windows opened at the same instant on a fresh archive share one first brief.
  briefRequest ??= apiWorded(async () => createIntl(intlConfig(await locale)))
    .openFirstBrief({})
    .then((result) => {
      if (result.ok) briefAnswer = result.value;
      return result;
    });
}

/**
 * The interface language if its answer has already come, else null. Usually it has by the time the
 * app's script has loaded, and the first render is then the whole app rather than an empty page
 * followed by a second render.
 */
export function readyLocale(): Locale | null {
  return localeAnswer;
}

/**
 * The brief to open if it has already come (and could be read), else null: the first render then
 * draws the note with the rest of the app, instead of drawing the app without it, laying it out,
 * and drawing it again once the brief is handed over (bench:editor's fresh-tab open).
 */
export function readyFirstBrief(): Brief | null {
  return briefAnswer;
}

/** The interface language at start: the one saved in the archive, or the system's when none was chosen. */
export function firstLocale(): Promise<Locale> {
  sendFirstRequests();
  return localeRequest!;
}

/**
 * The brief the window opens with, or why it could not (in the interface language). Shared by
 * every mount (React's StrictMode mounts twice), so the page asks once.
 */
export async function firstBrief(): Promise<Brief | AppError> {
  sendFirstRequests();
  const opened = await briefRequest!;
  return opened.ok ? opened.value : opened.error;
}
