import { loadConfig } from '@parcours/config';
import { ConfigError } from '@parcours/config';
import { Territory } from './territory';

describe('Territory', () => {
  const metropole = new Territory(loadConfig({}));

  it('is, by default, the 53 communes of Saint-Étienne Métropole', () => {
    expect(metropole.size).toBe(53);
    expect(metropole.includes('42218')).toBe(true); // Saint-Étienne
    expect(metropole.includes('42207')).toBe(true); // Saint-Chamond
    expect(metropole.includes('42187')).toBe(false); // Roanne
    expect(metropole.includes('69123')).toBe(false); // Lyon
  });

  it('finds communes by name prefix, without regard to accents, case or hyphens', () => {
    for (const search of ['saint-etienne', 'SAINT ÉTIENNE', 'Saint-Étienne', 'saint etienne']) {
      expect(metropole.search(search).map((commune) => commune.name)).toContain('Saint-Étienne');
    }
    const stEtienne = metropole.search('saint-étienne').find((commune) => commune.inseeCode === '42218');
    expect(stEtienne).toEqual({ inseeCode: '42218', name: 'Saint-Étienne', postalCodes: ['42000', '42100', '42230'], departmentCode: '42', population: 173136, inTerritory: true });
  });

  it('lists its communes by INSEE code, each with its population', () => {
    const members = metropole.members();
    expect(members).toHaveLength(53);
    expect(members.map((commune) => commune.inseeCode)).toEqual([...members.map((commune) => commune.inseeCode)].sort());
    expect(members.every((commune) => metropole.includes(commune.inseeCode) && commune.population > 0)).toBe(true);
    expect(members.find((commune) => commune.inseeCode === '42218')?.population).toBe(173136);
  });

  it('finds communes by postal code, a code that covers several communes included', () => {
    const found = metropole.search('42230');
    expect(found.map((commune) => commune.inseeCode)).toEqual(expect.arrayContaining(['42218']));
    expect(metropole.search('42300').map((commune) => [commune.name, commune.inTerritory])).toContainEqual(['Roanne', false]);
  });

  it('accepts communes as well as EPCIs in TERRITORY', () => {
    const two = new Territory(loadConfig({ TERRITORY: '42187, 69123' }));
    expect(two.size).toBe(2);
    expect(two.includes('42187')).toBe(true);
    expect(two.includes('42218')).toBe(false);
  });

  it('refuses unknown codes in TERRITORY, naming them', () => {
    expect(() => new Territory(loadConfig({ TERRITORY: '244200770,99999,123456789' }))).toThrow(ConfigError);
    expect(() => new Territory(loadConfig({ TERRITORY: '99999' }))).toThrow('TERRITORY: unknown EPCI or commune code(s): 99999');
  });
});
