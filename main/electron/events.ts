import type { WebContents } from 'electron';
import { eventNames, type EventName } from '../../preload/events';
import type { EventBus } from '../events';

const declared = new Set<string>(eventNames);

/**
 * Forwards the bus to one window: every declared event goes out with webContents.send
 * under its own name (nothing else does), until the window is gone.
 */
export function forwardEvents(bus: EventBus, contents: Pick<WebContents, 'send' | 'isDestroyed' | 'once'>): () => void {
  const stop = bus.listen((name: EventName, payload) => {
    if (!declared.has(name) || contents.isDestroyed()) return;
    contents.send(name, payload);
  });
  contents.once('destroyed', stop);
  return stop;
}
