import { app, powerMonitor } from 'electron';
import type { BillingScheduler } from '../services/billingScheduler';

/**
 * Issue 10 in the desktop app: starts the billing scheduler (local midnight, a periodic look
 * at the calendar), bills after the computer wakes (powerMonitor 'resume'), and stops on
 * quit. Returns the stop, which the caller awaits before closing the store: a run in
 * flight ends first, and no timer fires on a closed database. Calling it twice is harmless.
 */
export function runBillingScheduler(scheduler: Pick<BillingScheduler, 'start' | 'onResume' | 'stop'>, billedDate?: string): () => Promise<void> {
  const onResume = (): void => {
    void scheduler.onResume();
  };
  powerMonitor.on('resume', onResume);
  scheduler.start(billedDate);
  const stop = (): Promise<void> => {
    powerMonitor.removeListener('resume', onResume);
    return scheduler.stop();
  };
  app.once('will-quit', () => {
    void stop();
  });
  return stop;
}
