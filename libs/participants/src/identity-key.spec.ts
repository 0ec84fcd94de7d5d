import { identityKey } from './identity-key';

describe('identityKey', () => {
  it.each([
    [['DUPRÉ', 'Hélène Marie', '1985-04-12'], ['dupre', 'helene marie', '1985-04-12']],
    [["N'Diaye", 'Aïssata', '1990-01-01'], ['ndiaye', 'aissata', '1990-01-01']],
    [['Martin-Durand', 'Jean  Pierre', '1970-07-07'], ['martin durand', 'jean-pierre', '1970-07-07']],
    [['  le goff ', 'Yann', '2000-02-29'], ['Le Goff', 'yann', '2000-02-29']],
    [['Müller', 'Zoë', '1999-09-09'], ['MULLER', 'ZOE', '1999-09-09']],
  ])('treats %j and %j as the same person', (a, b) => {
    expect(identityKey(a[0], a[1], a[2])).toBe(identityKey(b[0], b[1], b[2]));
  });

  it.each([
    [['Dupré', 'Hélène', '1985-04-12'], ['Dupré', 'Hélène', '1985-04-13']],
    [['Dupré', 'Hélène', '1985-04-12'], ['Dupré', 'Hélèna', '1985-04-12']],
    [['Martin', 'Jean Paul', '1970-07-07'], ['Martin Jean', 'Paul', '1970-07-07']],
  ])('tells %j and %j apart', (a, b) => {
    expect(identityKey(a[0], a[1], a[2])).not.toBe(identityKey(b[0], b[1], b[2]));
  });
});
