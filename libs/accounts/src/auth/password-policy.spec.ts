import { passwordProblem } from './password-policy';

describe('the password rule', () => {
  it.each<[string, string, string | undefined]>([
    ['too short', 'Ab1!ab1!ab1', undefined],
    ['two kinds only', 'abcdefghijkl1234', undefined],
    ['one character over and over', 'Aaaaaaaaaaa1!', undefined],
    ['the e-mail address in it', 'Camille.Martin-2026!', 'camille.martin@example.fr'],
    ['a common password with a number', 'Password1234', undefined],
    ['a keyboard walk', 'Azertyuiop123', undefined],
    ['a French word and a year', 'Marseille2024', undefined],
    ['a French common password', 'Motdepasse123', undefined],
    ['the address itself, dressed up', 'Camillemartin1!', 'camillemartin@example.fr'],
  ])('refuses %s: %s', (_case, password, email) => {
    expect(passwordProblem(password, email)).not.toBeNull();
  });

  it.each(['Parcours-test-2026', 'Soleil-Loire-42-Vert', 'tr0mpette&Gare-Chateaucreux', 'Pass-mkd2x1-word'])('accepts %s', (password) => {
    expect(passwordProblem(password, 'someone@example.fr')).toBeNull();
  });

  it('says why in words a person can act on', () => {
    expect(passwordProblem('Password1234')).toBe('This password is too easy to guess: it looks like a common password, words or a simple pattern.');
  });
});
