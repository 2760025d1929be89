import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { TemplateKind } from '../../../preload/common/branding';
import { readView, useChannel } from './channel';
import { useFormSave } from './formSave';

/**
 * Issue 15, the Branding & Access page: the saved settings (one read, keyed by channel), the
 * one save, and two questions asked as the reseller works: the auto-connect form for a client
 * and an e-mail template filled with a real client's data.
 */
export function useBranding() {
  // gcTime 0: a page opened again reads what main has now, never an old draft's baseline.
  const view = readView(useChannel('branding.get', undefined, { gcTime: 0 }));
  return { ...view, branding: view.data ?? null };
}

export const useBrandingSave = () => useFormSave('branding.save');

/** The auto-connect HTML for one client, or a blank form (clientId null). */
export function useAutoConnect(clientId: number | null) {
  const view = readView(useChannel('branding.autoConnect', clientId === null ? {} : { clientId }, { placeholderData: keepPreviousData }));
  return { ...view, form: view.data ?? null };
}

/** A text that follows `value` once it has stopped changing for `delay` ms (typing, not every key). */
export function useSettled(value: string, delay = 250): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

export interface TemplateDraft {
  kind: TemplateKind;
  subject: string;
  body: string;
  clientId: number | null;
}

/**
 * A template as typed, filled by main with the chosen client's data (or sample data). Asked
 * once the typing settles; the last answer stays on screen while the next one comes.
 */
export function useTemplatePreview(draft: TemplateDraft) {
  // Settled by its text: a draft is a new object every render, its text only when it changed.
  const settled = JSON.parse(useSettled(JSON.stringify(draft))) as TemplateDraft;
  const input = {
    kind: settled.kind,
    template: { subject: settled.subject, body: settled.body },
    ...(settled.clientId === null ? {} : { clientId: settled.clientId }),
  };
  const view = readView(useChannel('branding.previewTemplate', input, { placeholderData: keepPreviousData }));
  return { ...view, preview: view.data ?? null };
}
