import { base, en, Faker, fr } from '@faker-js/faker';
import { addCalendarDays, type LocalDate } from '@parcours/core';
import { isValidSiret } from '@parcours/opportunities';
import { EducationLevel, RsaStatus, Sex, type ParticipantDetails } from '@parcours/participants';
import type { Territory } from '@parcours/territory';

/** What marks every generated name as fictional. */
export const DEMO_MARK = '(démo)';

/**
 * The generator's one source of chance: faker in French, seeded, so that the same seed draws the
 * same people, partners and journeys in the same order.
 */
export class Chance {
  readonly faker: Faker;

  constructor(seed: number) {
    this.faker = new Faker({ locale: [fr, en, base] });
    this.faker.seed(seed);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.faker.number.float({ min: 0, max: 1 }) < p;
  }

  int(min: number, max: number): number {
    return this.faker.number.int({ min, max });
  }

  pick<T>(items: readonly T[]): T {
    return this.faker.helpers.arrayElement(items);
  }

  /** One of the items, by weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    return this.faker.helpers.weightedArrayElement(items.map(([value, weight]) => ({ value, weight })));
  }

  some<T>(items: readonly T[], min: number, max: number): T[] {
    return this.faker.helpers.arrayElements(items, { min, max });
  }
}

/** A SIRET that passes INSEE's check: a SIREN with its Luhn digit, then an establishment number completing the Luhn sum. */
export function fictionalSiret(chance: Chance): string {
  for (;;) {
    const siren = withLuhnDigit(chance.faker.string.numeric({ length: 8, allowLeadingZeros: false }));
    const siret = withLuhnDigit(siren + chance.faker.string.numeric({ length: 4, allowLeadingZeros: true }));
    if (isValidSiret(siret) && !siren.startsWith('356000000')) return siret;
  }
}

function withLuhnDigit(prefix: string): string {
  for (let digit = 0; digit <= 9; digit++) if (luhn(prefix + digit)) return prefix + digit;
  throw new Error('unreachable');
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let value = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) value = value * 2 > 9 ? value * 2 - 9 : value * 2;
    sum += value;
  }
  return sum % 10 === 0;
}

interface Place {
  code: string;
  postalCode: string;
}

/** The territory's communes, each weighted by its population (@etalab/decoupage-administratif's `population`). */
export function territoryCommunes(territory: Territory): (readonly [Place, number])[] {
  return territory
    .members()
    .filter((commune) => commune.population > 0)
    .map((commune) => [{ code: commune.inseeCode, postalCode: commune.postalCodes[0] ?? '42000' }, commune.population] as const);
}

/**
 * A fictional person living in one of the territory's communes (drawn by population), referred on
 * `on`; the identity is unique among those already drawn (`taken`), as a real referral would be.
 */
export function fictionalPerson(chance: Chance, communes: (readonly [Place, number])[], on: LocalDate, taken: Set<string>): ParticipantDetails {
  const { faker } = chance;
  for (;;) {
    const sex = chance.pick([Sex.FEMALE, Sex.MALE]);
    const firstNames = faker.person.firstName(sex === Sex.FEMALE ? 'female' : 'male');
    const lastName = `${faker.person.lastName()} ${DEMO_MARK}`;
    const birthDate = addCalendarDays(on, -chance.int(18 * 365, 62 * 365));
    const key = `${lastName}|${firstNames}|${birthDate}`;
    if (taken.has(key)) continue;
    taken.add(key);
    const place = chance.weighted(communes);
    const registered = chance.chance(0.82);
    return {
      lastName,
      firstNames,
      birthDate,
      sex,
      phone: chance.chance(0.9) ? faker.helpers.replaceSymbols('06 1# ## ## ##') : null,
      email: chance.chance(0.4) ? faker.internet.email({ firstName: firstNames, lastName: lastName.replace(DEMO_MARK, ''), provider: 'demo.parcours.test' }).toLowerCase() : null,
      addressLine: faker.location.streetAddress(),
      postalCode: place.postalCode,
      communeCode: place.code,
      rsaStatus: chance.weighted([
        [RsaStatus.SOCLE, 70],
        [RsaStatus.SOCLE_ACTIVITE, 18],
        [RsaStatus.NONE, 12],
      ]),
      franceTravailRegistered: registered,
      franceTravailId: null,
      franceTravailMissingReason: registered ? null : chance.pick(['Radiation en cours de régularisation', 'Inscription prévue au premier rendez-vous', 'Pas encore fait la démarche']),
      educationLevel: chance.weighted([
        [EducationLevel.NONE, 18],
        [EducationLevel.LEVEL_3, 30],
        [EducationLevel.LEVEL_4, 27],
        [EducationLevel.LEVEL_5, 12],
        [EducationLevel.LEVEL_6, 6],
        [EducationLevel.LEVEL_7, 2],
        [EducationLevel.UNKNOWN, 5],
      ]),
      informedOn: addCalendarDays(on, -chance.int(0, 20)),
    };
  }
}
