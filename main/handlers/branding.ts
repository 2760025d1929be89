import type { ServiceContext } from '../services/context';
import { previewTemplate } from '../services/branding/templates';
import { autoConnect, brandingView, saveBranding } from '../services/branding/view';
import type { PartialHandlerTable } from './table';

/** Issue 15: branding and access (Branding page). */
export function brandingHandlers(ctx: ServiceContext) {
  return {
    'branding.get': () => brandingView(ctx.db),
    'branding.save': (input) => saveBranding(ctx, input),
    'branding.previewTemplate': (input) => previewTemplate(ctx.db, input),
    'branding.autoConnect': ({ clientId }) => autoConnect(ctx.db, clientId),
  } satisfies PartialHandlerTable;
}
