import { Fragment } from 'react';
import type { InvoiceView } from '../../../../preload/schemas/invoices';
import { formatDay } from '../../../../preload/common/dates';
import { formatMoney } from '../../../../preload/common/format';
import { hrefTo } from '../../lib/router';
import { documentTitle, groupLines, periodText } from './invoiceLabels';

/** One figure of the totals block: a term and main's amount, as the PDF prints it. */
function Total({ term, amount, strong = false, testId }: { term: string; amount: string; strong?: boolean; testId: string }) {
  return (
    <div className={strong ? 'invoice-doc__total invoice-doc__total--strong' : 'invoice-doc__total'}>
      <dt>{term}</dt>
      <dd className="num" data-testid={testId}>
        {formatMoney(amount)}
      </dd>
    </div>
  );
}

function Block({ lines, className }: { lines: readonly string[]; className?: string }) {
  return (
    <address className={['invoice-doc__block', className].filter(Boolean).join(' ')}>
      {lines.map((line, index) => (
        <Fragment key={index}>
          {index === 0 ? <strong>{line}</strong> : line}
          {index < lines.length - 1 ? <br /> : null}
        </Fragment>
      ))}
    </address>
  );
}

/**
 * The invoice on screen, laid out like its PDF: company and client blocks, the lines by
 * section, then subtotal, taxes, payments, total due and closing balance. Every figure is
 * main's (issue 11: the screen, the PDF and the ledger agree to the cent); the window only
 * formats them (2 decimals) and never adds anything up.
 */
export function InvoiceDocument({ invoice }: { invoice: InvoiceView }) {
  const groups = groupLines(invoice.lines);
  const voided = invoice.status === 'void';
  return (
    <article className={voided ? 'invoice-doc invoice-doc--void' : 'invoice-doc'} aria-label={documentTitle(invoice)} data-testid="invoice-document">
      {voided ? (
        <p className="invoice-doc__stamp" aria-hidden="true">
          VOID
        </p>
      ) : null}
      <header className="invoice-doc__head">
        <div className="invoice-doc__from">
          <Block lines={invoice.companyBlock} />
        </div>
        <div className="invoice-doc__meta">
          <p className="invoice-doc__kind">{invoice.kind === 'credit_note' ? 'Credit note' : 'Invoice'}</p>
          <dl className="invoice-doc__facts">
            <div>
              <dt>Number</dt>
              <dd data-testid="invoice-number">{invoice.number}</dd>
            </div>
            <div>
              <dt>Issue date</dt>
              <dd>{formatDay(invoice.issueDate)}</dd>
            </div>
            <div>
              <dt>Period</dt>
              <dd>{periodText(invoice)}</dd>
            </div>
            {invoice.creditFor ? (
              <div>
                <dt>Corrects</dt>
                <dd>
                  <a href={hrefTo(`/invoices/${invoice.creditFor.id}`)}>{invoice.creditFor.number}</a>
                </dd>
              </div>
            ) : null}
          </dl>
        </div>
      </header>

      <section className="invoice-doc__bill-to" aria-label="Bill to">
        <h3 className="invoice-doc__label">Bill to</h3>
        <Block lines={invoice.clientBlock} />
      </section>

      <dl className="invoice-doc__opening">
        <Total term="Opening balance" amount={invoice.openingBalance} testId="invoice-opening" />
      </dl>

      {groups.length === 0 ? <p className="empty-line">No charges and no payments in this period.</p> : null}
      {groups.map((group) => {
        const calls = group.section === 'calls';
        return (
          <table key={group.section} className="invoice-doc__lines" data-section={group.section}>
            <caption>{group.title}</caption>
            <thead>
              <tr>
                <th scope="col">{calls ? 'Destination' : 'Description'}</th>
                {calls ? (
                  <>
                    <th scope="col" className="num">
                      Calls
                    </th>
                    <th scope="col" className="num">
                      Minutes
                    </th>
                  </>
                ) : null}
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {group.lines.map((line, index) => (
                <tr key={index}>
                  <th scope="row">{line.description}</th>
                  {calls ? (
                    <>
                      <td className="num">{line.count?.toLocaleString('en-US') ?? ''}</td>
                      <td className="num">{line.minutes ?? ''}</td>
                    </>
                  ) : null}
                  <td className="num">{formatMoney(line.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}

      <dl className="invoice-doc__totals" aria-label="Totals">
        <Total term="Subtotal" amount={invoice.subtotal} testId="invoice-subtotal" />
        {invoice.taxes.map((tax, index) => (
          <Total key={`${tax.name}-${index}`} term={`${tax.name} (${tax.rate} %)`} amount={tax.amount} testId={`invoice-tax-${index}`} />
        ))}
        <Total term="Payments" amount={invoice.payments} testId="invoice-payments" />
        {invoice.rounding !== null ? <Total term="Rounding" amount={invoice.rounding} testId="invoice-rounding" /> : null}
        <Total term="Total due" amount={invoice.totalDue} strong testId="invoice-total-due" />
        <Total term="Closing balance" amount={invoice.closingBalance} testId="invoice-closing" />
      </dl>
      {invoice.rounding !== null ? (
        <p className="invoice-doc__fine">
          Amounts are kept to the millionth and shown to the cent; the rounding line makes the cents shown add up to the exact total.
        </p>
      ) : null}

      {invoice.creditNotes.length > 0 ? (
        <section className="invoice-doc__credits" aria-label="Credit notes">
          <h3 className="invoice-doc__label">Credit notes against this invoice</h3>
          <ul>
            {invoice.creditNotes.map((note) => (
              <li key={note.id}>
                <a href={hrefTo(`/invoices/${note.id}`)}>{note.number}</a> — <span className="num">{formatMoney(note.amount)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {invoice.paymentInstructions ? (
        <section className="invoice-doc__payment" aria-label="Payment instructions">
          <h3 className="invoice-doc__label">Payment instructions</h3>
          <p>{invoice.paymentInstructions}</p>
        </section>
      ) : null}
    </article>
  );
}
