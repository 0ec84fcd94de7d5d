import { phoneToCheck, readPhone } from './phone';

describe('phone numbers', () => {
  it('reads French numbers as people type them, into E.164, and says which are mobiles', () => {
    expect(readPhone('06 12 34 56 78')).toEqual({ e164: '+33612345678', mobile: true });
    expect(readPhone('0033 6 12 34 56 78')).toEqual({ e164: '+33612345678', mobile: true });
    expect(readPhone('+33 7 81 23 45 67')).toEqual({ e164: '+33781234567', mobile: true });
    expect(readPhone('04 77 12 34 56')).toEqual({ e164: '+33477123456', mobile: false });
  });

  it('reads a number of another country when it says so', () => {
    expect(readPhone('+32 470 12 34 56')).toEqual({ e164: '+32470123456', mobile: true });
  });

  it('refuses what is no valid number', () => {
    for (const text of ['12', '07 00 00 00 00', 'appeler sa sœur', '']) expect({ text, phone: readPhone(text) }).toEqual({ text, phone: null });
  });

  it('flags a stored value that is not E.164 as to check, and nothing else', () => {
    expect([phoneToCheck('+33612345678'), phoneToCheck(null), phoneToCheck('06 12 34 56 78'), phoneToCheck('chez sa mère')]).toEqual([false, false, true, true]);
  });
});
