import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { safeError } from './safe-error';

describe('safeError', () => {
  const driverError = () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "diagnostic_appointment_id_unique" Key (appointment_id)=(Dupont)'), {
      code: '23505',
    });
    return Object.assign(new UniqueConstraintViolationException(cause), { code: '23505', sqlState: '23505' });
  };

  it('keeps the class and the database code (SQLSTATE), never the message', () => {
    const safe = safeError(driverError());
    expect(safe).toMatchObject({ type: 'UniqueConstraintViolationException', code: '23505', sqlState: '23505' });
    expect(JSON.stringify(safe)).not.toMatch(/Dupont|duplicate key/);
  });

  it('is idempotent: the logger’s serializer, applied to what a caller already made safe, keeps it (it wrote {"type":"object"})', () => {
    const once = safeError(driverError());
    expect(JSON.parse(JSON.stringify(safeError(once)))).toEqual(JSON.parse(JSON.stringify(once)));
  });

  it('names what is not an Error by its class only', () => {
    const logged = (value: unknown) => JSON.parse(JSON.stringify(safeError(value))) as unknown;
    expect(logged({ secret: 'Dupont' })).toEqual({ type: 'Object' });
    expect(logged('Dupont')).toEqual({ type: 'string' });
  });
});
