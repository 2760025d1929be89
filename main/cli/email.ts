import type { EmailItemView, EmailStatusView } from '../../preload/schemas/email';
import { sendDueEmails } from '../services/email/send';
import { parseCommandOptions, print, requireOption } from './options';
import { UserError, type Command } from './run';

/** Issue 15: the e-mail outbox from the command line (a cron job can send what waits). */

function statusText(status: EmailStatusView): string {
  const setup = status.configured ? 'e-mail set up' : 'e-mail off or not set up (Settings → E-mail): e-mails wait';
  return `${status.pending} pending, ${status.failed} failed, ${status.sentToday} sent today; ${setup}`;
}

function itemLine(item: EmailItemView): string {
  const when = item.status === 'sent' ? `sent ${item.sentAt ?? ''}` : item.nextAttemptAt ? `next try ${item.nextAttemptAt}` : '';
  const error = item.lastError && item.status !== 'sent' ? ` — ${item.lastError}` : '';
  return `#${String(item.id).padEnd(6)} ${item.status.padEnd(8)} ${item.kind.padEnd(12)} ${item.to} "${item.subject}" ${when}${error}`.trimEnd();
}

const LIST_STATUSES = ['open', 'all', 'pending', 'sent', 'failed'] as const;

export const emailCommands: Command[] = [
  {
    name: 'email test',
    usage: 'email test --to ADDRESS [--json]        send a test e-mail now with the saved SMTP settings',
    async run(ctx) {
      const { values } = parseCommandOptions(ctx, { to: { type: 'string' } });
      const result = await ctx.call('email.test', { to: requireOption(values.to, 'email test', '--to ADDRESS') });
      print(ctx, result, `Sent to ${result.to}: ${result.response} (${result.messageId})`);
    },
  },
  {
    name: 'email send',
    usage: 'email send [--json]                      send every pending e-mail now (exit 0 only when none is left pending or failed)',
    async run(ctx) {
      parseCommandOptions(ctx, {});
      // The worker's pass, once, its waits notwithstanding; e-mails another process left mid-send are taken back.
      const result = await sendDueEmails(ctx.store, { now: ctx.now, ignoreBackoff: true, recover: true, events: ctx.events });
      const status = await ctx.call('email.status');
      const items = await ctx.call('email.list', { status: 'open', limit: 500 });
      const summary = `Sent ${result.sent}, failed ${result.failed}, to retry ${result.retryLater}.`;
      print(ctx, { ...result, ...status, items }, [result.problem ?? summary, statusText(status), ...items.map(itemLine)].join('\n'));
      if (result.problem !== null && status.pending > 0) throw new UserError(`${status.pending} e-mails wait: ${result.problem}`);
      if (status.pending + status.failed > 0) throw new UserError(`${status.pending} e-mails still pending and ${status.failed} failed`);
    },
  },
  {
    name: 'email list',
    usage: 'email list [--status open|all|pending|sent|failed] [--limit N] [--json]   the e-mail outbox, newest first',
    async run(ctx) {
      const { values } = parseCommandOptions(ctx, { status: { type: 'string' }, limit: { type: 'string' } });
      const status = values.status ?? 'all';
      if (!(LIST_STATUSES as readonly string[]).includes(status)) throw new UserError(`--status must be one of ${LIST_STATUSES.join(', ')}`);
      const limit = values.limit === undefined ? 100 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UserError('--limit must be a whole number from 1 to 500');
      const items = await ctx.call('email.list', { status, limit });
      const counts = await ctx.call('email.status');
      print(ctx, { ...counts, items }, [statusText(counts), ...items.map(itemLine)].join('\n'));
    },
  },
];
