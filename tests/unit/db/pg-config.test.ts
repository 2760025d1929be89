import { describe, expect, it } from 'vitest';
import { pgPoolConfig, redactedUrl, ServerLocationError } from '../../../db/pg';

// Issue 16: the PostgreSQL URL is read here, not by pg (whose sslmode differs from libpq's).
describe('a PostgreSQL URL, read as libpq reads it', () => {
  const env = {};

  it('takes the user, password, host, port and database, and the password is never shown', () => {
    const config = pgPoolConfig('postgres://sales%40desk:s%3Acret@db.example.com:6543/reseller', { env });
    expect(config).toMatchObject({ host: 'db.example.com', port: 6543, database: 'reseller', user: 'sales@desk', password: 's:cret', ssl: false });
    expect(redactedUrl('postgres://sales:s3cret@db.example.com/reseller')).toBe('postgres://sales@db.example.com/reseller');
    expect(redactedUrl('postgres://sales:s3cret@db.example.com/reseller')).not.toContain('s3cret');
  });

  it('defaults: port 5432, the database named after the user; the password from PGPASSWORD, then the secret box', () => {
    expect(pgPoolConfig('postgresql://ana@db', { env })).toMatchObject({ port: 5432, database: 'ana', user: 'ana' });
    expect(pgPoolConfig('postgresql://ana@db', { env: { PGPASSWORD: 'from-env' }, password: 'from-box' }).password).toBe('from-env');
    expect(pgPoolConfig('postgresql://ana@db', { env, password: 'from-box' }).password).toBe('from-box');
    expect(pgPoolConfig('postgresql://ana:in-url@db', { env: { PGPASSWORD: 'from-env' } }).password).toBe('in-url');
  });

  it('maps sslmode as libpq does: disable → no TLS, require → encrypted without checking, verify-full → the certificate and host checked', () => {
    expect(pgPoolConfig('postgres://a@h/d?sslmode=disable', { env }).ssl).toBe(false);
    expect(pgPoolConfig('postgres://a@h/d?sslmode=require', { env }).ssl).toEqual({ rejectUnauthorized: false });
    expect(pgPoolConfig('postgres://a@h/d?sslmode=verify-full', { env }).ssl).toEqual({ rejectUnauthorized: true });
    const verifyCa = pgPoolConfig('postgres://a@h/d?sslmode=verify-ca', { env }).ssl;
    expect(verifyCa).toMatchObject({ rejectUnauthorized: true });
    expect(typeof verifyCa === 'object' && verifyCa?.checkServerIdentity).toBeTypeOf('function');
  });

  it('refuses what it would not honour, in words a person can act on', () => {
    const refusal = (url: string) => {
      try {
        pgPoolConfig(url, { env });
        return 'accepted';
      } catch (error) {
        expect(error).toBeInstanceOf(ServerLocationError);
        return (error as Error).message;
      }
    };
    expect(refusal('postgres://a@h/d?sslmode=prefer')).toMatch(/sslmode=prefer is not supported/);
    expect(refusal('postgres://a@h/d?sslmode=verify-full&sslrootcert=/no/such/ca.crt')).toMatch(/cannot be read/);
    expect(refusal('postgres://a@h/d?target_session_attrs=any')).toMatch(/"target_session_attrs" is not one this app reads/);
    expect(refusal('postgres://h/d')).toMatch(/names no user/);
    expect(refusal('mysql://a@h/d')).toMatch(/starts with postgres:\/\//);
    expect(refusal('postgres://a:secret@')).not.toContain('secret');
  });
});
