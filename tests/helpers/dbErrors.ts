/** A constraint's refusal as either store words it (issue 16: the suite runs on SQLite and on PostgreSQL). */
export const UNIQUE = /UNIQUE constraint failed|violates unique constraint/;
export const CHECK = /CHECK constraint failed|violates check constraint/;
export const FOREIGN_KEY = /FOREIGN KEY constraint failed|violates foreign key constraint/;
