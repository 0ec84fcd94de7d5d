import { isValidSiret, normaliseSiret } from './siret';

describe('SIRET', () => {
  it.each([
    ['73282932000074', true, 'Luhn'],
    ['35600000049837', true, 'La Poste: digit sum 45'],
    ['35600000000048', true, "La Poste's head office: Luhn"],
    ['73282932000075', false, 'Luhn fails'],
    ['35600000049838', false, 'La Poste: digit sum 46, and not Luhn'],
    ['35600000000049', false, 'La Poste: neither rule'],
    ['12300000049837', false, 'the digit-sum rule is La Poste only'],
    ['7328293200007', false, '13 digits'],
    ['732829320000740', false, '15 digits'],
    ['7328293200007A', false, 'a letter'],
    ['', false, 'empty'],
  ])('%s → %s (%s)', (siret, valid) => {
    expect(isValidSiret(siret)).toBe(valid);
  });

  it('drops the spaces people type', () => {
    expect(normaliseSiret(' 732 829 320\u00a000074 ')).toBe('73282932000074');
  });
});
