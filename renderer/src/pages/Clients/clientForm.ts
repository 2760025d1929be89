import type { ClientView } from '../../../../preload/schemas/clients';
import { trimDecimal } from '../../../../preload/common/format';
import type { ClientCreateInput } from '../../queries/clients';

/** What the person typed, as text; main parses and validates it. */
export interface ClientFormValues {
  firstName: string;
  lastName: string;
  company: string;
  email: string;
  phone: string;
  street: string;
  city: string;
  state: string;
  country: string;
  postalCode: string;
  balanceMode: 'soft' | 'hard';
  lowBalanceThreshold: string;
  lowBalanceEmail: string;
  notes: string;
  /** New clients only: a payment posted with the client ('' for none). */
  openingPayment: string;
}

export type ClientField = keyof ClientFormValues;

export const EMPTY_CLIENT_FORM: ClientFormValues = {
  firstName: '',
  lastName: '',
  company: '',
  email: '',
  phone: '',
  street: '',
  city: '',
  state: '',
  country: '',
  postalCode: '',
  balanceMode: 'soft',
  lowBalanceThreshold: '',
  lowBalanceEmail: '',
  notes: '',
  openingPayment: '',
};

export function formValuesOf(client: ClientView): ClientFormValues {
  return {
    firstName: client.firstName,
    lastName: client.lastName,
    company: client.company,
    email: client.email,
    phone: client.phone,
    street: client.street,
    city: client.city,
    state: client.state,
    country: client.country,
    postalCode: client.postalCode,
    balanceMode: client.balanceMode,
    lowBalanceThreshold: client.lowBalanceThreshold === '' ? '' : trimDecimal(client.lowBalanceThreshold, 2),
    lowBalanceEmail: client.lowBalanceEmail,
    notes: client.notes,
    openingPayment: '',
  };
}

export function toClientInput(values: ClientFormValues): ClientCreateInput {
  const { openingPayment, ...rest } = values;
  const payment = openingPayment.trim();
  return { ...rest, lowBalanceThreshold: values.lowBalanceThreshold.trim(), ...(payment === '' ? {} : { openingPayment: payment }) };
}

/**
 * Switching an existing client from SOFT to HARD with a balance of zero or less suspends it
 * the moment the form is saved (guide: HARD clients are suspended at zero or below): the
 * form says so and asks first (issue 10).
 */
export function suspendsOnSave(initialMode: 'soft' | 'hard', values: ClientFormValues, currentBalance: string | undefined): boolean {
  if (currentBalance === undefined || initialMode === 'hard' || values.balanceMode !== 'hard') return false;
  // The sign of a bounded decimal text (±1,000,000,000.000000): exact as a number.
  return Number(currentBalance) <= 0;
}

/** Control ids, shared by the fields and the error summary that focuses them. */
export const CLIENT_FIELD_IDS: Record<ClientField, string> = {
  firstName: 'client-first-name',
  lastName: 'client-last-name',
  company: 'client-company',
  email: 'client-email',
  phone: 'client-phone',
  street: 'client-street',
  city: 'client-city',
  state: 'client-state',
  country: 'client-country',
  postalCode: 'client-postal-code',
  balanceMode: 'client-balance-mode-soft',
  lowBalanceThreshold: 'client-low-balance-threshold',
  lowBalanceEmail: 'client-low-balance-email',
  notes: 'client-notes',
  openingPayment: 'client-opening-payment',
};

export const CLIENT_FIELD_LABELS: Record<ClientField, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  company: 'Company',
  email: 'E-mail',
  phone: 'Phone',
  street: 'Street',
  city: 'City',
  state: 'State / province',
  country: 'Country',
  postalCode: 'Postal code',
  balanceMode: 'Balance mode',
  lowBalanceThreshold: 'Low-balance threshold',
  lowBalanceEmail: 'Notification e-mail',
  notes: 'Notes',
  openingPayment: 'Opening payment',
};

export const isClientField = (field: string): field is ClientField => field in CLIENT_FIELD_IDS;
