import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * What a service needs from the outside world, injected so tests are deterministic
 * (CONVENTIONS.md: the clock and the id generator are injected).
 */
export interface ServiceContext {
  readonly db: Kysely<Database>;
  readonly now: () => Date;
}

export const isoNow = (ctx: ServiceContext): string => ctx.now().toISOString();
