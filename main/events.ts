import type { AppEvents, EventName } from '../preload/events';

export type EventListener = <K extends EventName>(name: K, payload: AppEvents[K]) => void;

/**
 * Main's side of the window events: services emit, each host forwards to its windows
 * (Electron: webContents.send; headless: Server-Sent Events). No host, no listener: a
 * CLI run emits into nothing.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<K extends EventName>(name: K, payload: AppEvents[K]): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  /** Returns the function that stops listening. */
  listen(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
