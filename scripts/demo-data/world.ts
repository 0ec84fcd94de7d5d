import type { INestApplicationContext } from '@nestjs/common';
import { OrganisationKind, OrganisationsService, Role, User, UsersService, type Actor } from '@parcours/accounts';
import { addCalendarMonths, type LocalDate } from '@parcours/core';
import { ConventionsService } from '@parcours/conventions';
import { PartnersService } from '@parcours/opportunities';
import { SYSTEM, UnitOfWork } from '@parcours/unit-of-work';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './constants';
import { Chance, DEMO_MARK, fictionalSiret } from './fiction';

export const DEMO_OPERATOR = `Forez Entreprendre ${DEMO_MARK}`;

const PRESCRIBERS = [
  'CCAS de Saint-Étienne',
  'Département de la Loire – Maison de la Métropole Saint-Étienne Sud',
  'Mission locale de Saint-Étienne',
  'France Travail Saint-Étienne Bergson',
  'CCAS de Saint-Chamond',
  'PLIE de Saint-Étienne Métropole',
  'Secours populaire – Firminy',
  'CCAS de Rive-de-Gier',
];

export interface Partner {
  id: string;
  kind: OrganisationKind;
}

/** Who acts in the simulation, and with whom the operator works. */
export interface World {
  operatorId: string;
  admin: Actor;
  managers: Actor[];
  counsellors: Actor[];
  referents: Actor[];
  employers: Partner[];
  agencies: Partner[];
  trainingBodies: Partner[];
}

/**
 * The organisations, accounts and partners, sized to the number of pathways (a referent per 250,
 * a counsellor per 800, an employer per 150), created through the accounts and partners services
 * as the administrator would; one convention with the funder over the whole period.
 */
export async function buildWorld(app: INestApplicationContext, chance: Chance, pathways: number, from: LocalDate, until: LocalDate): Promise<World> {
  const uow = app.get(UnitOfWork);
  const adminUser = await uow.read(SYSTEM, (reads) => reads.findOneOrFail(User, { role: Role.ADMIN }, { populate: ['organisation'] }));
  const admin = actorOf(adminUser, OrganisationKind.OPERATOR);
  const operatorId = adminUser.organisation.id;
  const organisations = app.get(OrganisationsService);
  // Whom the people call, as their convocations and reminders say.
  await organisations.rename(admin, operatorId, DEMO_OPERATOR, { address: '2 rue Balay, 42000 Saint-Étienne', phone: '04 77 00 00 00', email: 'accueil@demo.parcours.test' });
  const users = app.get(UsersService);
  const taken = new Set<string>();
  const account = async (organisationId: string, kind: OrganisationKind, role: Role, email?: string): Promise<Actor> => {
    const firstName = chance.faker.person.firstName();
    const lastName = chance.faker.person.lastName();
    let address = email ?? chance.faker.internet.email({ firstName, lastName, provider: 'demo.parcours.test' }).toLowerCase();
    while (taken.has(address)) address = address.replace('@', `${chance.int(0, 9)}@`);
    taken.add(address);
    const user = await users.create(admin, { organisationId, role, email: address, fullName: `${firstName} ${lastName} ${DEMO_MARK}`, initialPassword: DEMO_PASSWORD });
    return { userId: user.id, role, organisationId, organisationKind: kind, sessionId: null };
  };

  const managers = [await account(operatorId, OrganisationKind.OPERATOR, Role.MANAGER, DEMO_ACCOUNTS.MANAGER)];
  const counsellors = [await account(operatorId, OrganisationKind.OPERATOR, Role.COUNSELLOR, DEMO_ACCOUNTS.COUNSELLOR)];
  while (counsellors.length < Math.max(3, Math.round(pathways / 800))) counsellors.push(await account(operatorId, OrganisationKind.OPERATOR, Role.COUNSELLOR));
  const prescribers = [];
  for (const name of PRESCRIBERS) prescribers.push(await organisations.create(admin, `${name} ${DEMO_MARK}`, OrganisationKind.PRESCRIBER));
  const referents = [await account(prescribers[0].id, OrganisationKind.PRESCRIBER, Role.REFERENT, DEMO_ACCOUNTS.REFERENT)];
  while (referents.length < Math.max(prescribers.length, Math.round(pathways / 250))) {
    referents.push(await account(prescribers[referents.length % prescribers.length].id, OrganisationKind.PRESCRIBER, Role.REFERENT));
  }
  const funder = await organisations.create(admin, `Département de la Loire – Direction de l'insertion ${DEMO_MARK}`, OrganisationKind.FUNDER);
  await account(funder.id, OrganisationKind.FUNDER, Role.FUNDER, DEMO_ACCOUNTS.FUNDER);
  await app.get(ConventionsService).create(admin, {
    operatorId,
    funderId: funder.id,
    title: `Accompagnement L.O.I.R.E ${from.slice(0, 4)}–${until.slice(0, 4)} ${DEMO_MARK}`,
    budgetLine: 'Programme départemental d’insertion, action 3.2',
    startOn: from,
    endOn: addCalendarMonths(until, 6),
    targetParticipants: Math.max(50, Math.round(pathways * 0.8)),
    amountCents: Math.max(50, Math.round(pathways * 0.8)) * 1_800_00,
  });

  const partners = app.get(PartnersService);
  const communes = ['42218', '42207', '42095', '42186', '42279', '42044', '42147', '42184'];
  const partnersOf = async (kind: OrganisationKind, count: number, name: () => string): Promise<Partner[]> => {
    const made: Partner[] = [];
    for (let from = 0; from < count; from += 100) {
      const batch = await uow.run(admin, async () => {
        const ids: Partner[] = [];
        for (let i = from; i < Math.min(count, from + 100); i++) {
          const partner = await partners.create(admin, kind, {
            name: `${name()} ${DEMO_MARK}`,
            siret: fictionalSiret(chance),
            communeCode: chance.pick(communes),
            contact: chance.chance(0.7) ? { name: chance.faker.person.fullName(), phone: chance.faker.helpers.replaceSymbols('04 77 ## ## ##'), email: null } : null,
          });
          ids.push({ id: partner.id, kind });
        }
        return ids;
      });
      made.push(...batch);
    }
    return made;
  };
  const employers = await partnersOf(OrganisationKind.EMPLOYER, Math.max(10, Math.round(pathways / 150)), () => chance.faker.company.name());
  const agencies = await partnersOf(OrganisationKind.TEMP_AGENCY, Math.max(3, Math.round(pathways / 2000)), () => `${chance.pick(['Intérim', 'Travail temporaire', 'Emploi'])} ${chance.faker.location.city()}`);
  const trainingBodies = await partnersOf(OrganisationKind.TRAINING_BODY, Math.max(3, Math.round(pathways / 2000)), () => `${chance.pick(['Centre de formation', 'AFPA', 'GRETA', 'Institut'])} ${chance.faker.location.city()}`);
  return { operatorId, admin, managers, counsellors, referents, employers, agencies, trainingBodies };
}

function actorOf(user: User, organisationKind: OrganisationKind): Actor {
  return { userId: user.id, role: user.role, organisationId: user.organisation.id, organisationKind, sessionId: null };
}
