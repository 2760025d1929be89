import { AppError } from '../../errors';
import { ProviderError, type Provider, type ProviderParams, type ProviderReply } from '../provider';

/** What a pull says when the provider refused or could not be reached: the method, its status, the provider's own words. */
export interface PullFailure {
  /** What was being read: "getResellerCDR for client 561115, 2026-09-01 to 2026-11-30". */
  what: string;
  status: string;
  message: string;
  kind: ProviderError['kind'];
}

export function failureOf(error: unknown, what: string): PullFailure {
  if (error instanceof ProviderError) return { what, status: error.status, message: error.message, kind: error.kind };
  throw error;
}

/** One call whose refusal ends the whole step: the person reads the provider's description and what was asked. */
export async function askProvider(provider: Provider, method: string, params?: ProviderParams): Promise<ProviderReply> {
  try {
    return await provider.call(method, params);
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    const retry = error.kind === 'permanent' ? '' : ' Try again later.';
    throw new AppError('conflict', `The provider did not answer ${method}: ${error.message} (${error.status}).${retry}`);
  }
}
