import { DoorReplan, type Answer, type DoorProgram, type Question } from './program';

/** Answers each question at once (SQLite's prepared statements). */
export type SyncAnswers = { [K in Question['ask']]: (question: Extract<Question, { ask: K }>) => Answer<Extract<Question, { ask: K }>> };
/** Answers each question with a round trip (Kysely, either store). */
export type AsyncAnswers = { [K in Question['ask']]: (question: Extract<Question, { ask: K }>) => Promise<Answer<Extract<Question, { ask: K }>>> };

// One typed call per question: TypeScript cannot pair a union's member with its handler by itself.
const answerer = <A extends SyncAnswers | AsyncAnswers>(answers: A, question: Question): ReturnType<A[Question['ask']]> =>
  (answers[question.ask] as (question: Question) => ReturnType<A[Question['ask']]>)(question);

export function runSync<T>(program: DoorProgram<T>, answers: SyncAnswers): T {
  let step = program.next();
  while (!step.done) step = program.next(answerer(answers, step.value));
  return step.value;
}

export async function runAsync<T>(program: DoorProgram<T>, answers: AsyncAnswers): Promise<T> {
  let step = program.next();
  while (!step.done) step = program.next(await answerer(answers, step.value));
  return step.value;
}

/**
 * Runs one attempt of the door, and again while it asks to plan its batch again (DoorReplan:
 * a reference another transaction wrote meanwhile). `attempt` rolls its own writes back when it
 * throws (a savepoint). Each new attempt knows at least one more reference, so this ends.
 */
export function retryReplanned<T>(attempt: (known: ReadonlySet<string>) => T): T {
  let known: ReadonlySet<string> = new Set();
  for (;;) {
    try {
      return attempt(known);
    } catch (error) {
      if (!(error instanceof DoorReplan)) throw error;
      known = error.knownReferences;
    }
  }
}

/** retryReplanned for an attempt that answers later (PostgreSQL). */
export async function retryReplannedAsync<T>(attempt: (known: ReadonlySet<string>) => Promise<T>): Promise<T> {
  let known: ReadonlySet<string> = new Set();
  for (;;) {
    try {
      return await attempt(known);
    } catch (error) {
      if (!(error instanceof DoorReplan)) throw error;
      known = error.knownReferences;
    }
  }
}
