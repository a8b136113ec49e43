import type { Brief, Result, Settings } from '../../shared/contract';
import { api } from '../api/client';

/**
 * What the first screen waits for, asked of main as soon as the page's first (small) script runs:
 * the settings (the interface language) and the brief to open. They are answered while the
 * browser is still loading and compiling the rest of the app, instead of one after the other
 * after React's first render (bench:editor's open time, docs/editor.md).
 */
let settingsRequest: Promise<Result<Settings>> | null = null;
let briefRequest: Promise<Brief | string> | null = null;

/** Opens the most recently edited brief, creating the first one on a fresh archive. */
async function openLatestBrief(): Promise<Brief | string> {
  const list = await api.listBriefs({});
  if (!list.ok) return list.error.message;
  const latest = list.value[0];
  const opened = latest ? await api.getBrief({ id: latest.id }) : await api.createBrief({ template: 'blank' });
  return opened.ok ? opened.value : opened.error.message;
}

/** Sends the first requests (once per page). */
export function sendFirstRequests(): void {
  settingsRequest ??= api.getSettings({});
  briefRequest ??= openLatestBrief();
}

/** The settings as read at start. */
export function firstSettings(): Promise<Result<Settings>> {
  sendFirstRequests();
  return settingsRequest!;
}

/**
 * The brief the window opens with, or why it could not. Shared by every mount (React's StrictMode
 * mounts twice), so a fresh archive gets one first brief.
 */
export function firstBrief(): Promise<Brief | string> {
  sendFirstRequests();
  return briefRequest!;
}
