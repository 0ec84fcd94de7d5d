import type { INestApplicationContext } from '@nestjs/common';
import { OrganisationKind, OrganisationsService, Role, User, UsersService, type Actor } from '@parcours/accounts';
import { parisDay, parisInstant } from '@parcours/core';
import { InterviewsService, ReferralsService } from '@parcours/pathways';
import { BarrierTheme, EducationLevel, RsaStatus } from '@parcours/participants';
import { AppointmentChannel } from '@parcours/pathways';
import { SYSTEM, UnitOfWork } from '@parcours/unit-of-work';

export const BENCH_PASSWORD = 'Quick-Loire-2026';
export const BENCH_USERS = { referent: 'referente@bench.test', counsellor: 'conseiller@bench.test', writer: 'ecriture@bench.test' };

export interface BenchData {
  /** Pathways of the referent, accepted by the counsellor: what the read cases ask for. */
  pathwayIds: string[];
  /** Appointments of the writer, begun and without a diagnostic: one per recordDiagnostic. */
  dueAppointmentIds: string[];
}

const BATCH = 100;

/**
 * The benchmark's data, made through the domain services (the same rules as the API), a batch of
 * commands per transaction so that preparing thousands of pathways takes seconds: a referent and
 * two counsellors of the operator; `reads` pathways referred by the referent and accepted; `writes`
 * more, each with a diagnostic appointment that has begun.
 */
export async function seedBenchData(app: INestApplicationContext, reads: number, writes: number): Promise<BenchData> {
  const uow = app.get(UnitOfWork);
  const admin = await uow.read(SYSTEM, (reads) => reads.findOneOrFail(User, { role: Role.ADMIN }, { populate: ['organisation'] }));
  const asActor = (user: User): Actor => ({
    userId: user.id,
    role: user.role,
    organisationId: user.organisation.id,
    organisationKind: user.organisation.getEntity().kind,
    sessionId: null,
  });
  const adminActor = asActor(admin);
  const prescriber = await app.get(OrganisationsService).create(adminActor, 'CCAS bench', OrganisationKind.PRESCRIBER);
  const users = app.get(UsersService);
  const create = async (organisationId: string, role: Role, email: string) => {
    const user = await users.create(adminActor, { organisationId, role, email, fullName: `Bench ${role.toLowerCase()}`, initialPassword: BENCH_PASSWORD });
    return uow.read(SYSTEM, (reads) => reads.findOneOrFail(User, { id: user.id }, { populate: ['organisation'] }));
  };
  const referent = asActor(await create(prescriber.id, Role.REFERENT, BENCH_USERS.referent));
  const counsellor = asActor(await create(admin.organisation.id, Role.COUNSELLOR, BENCH_USERS.counsellor));
  const writer = asActor(await create(admin.organisation.id, Role.COUNSELLOR, BENCH_USERS.writer));

  const referrals = app.get(ReferralsService);
  const interviews = app.get(InterviewsService);
  const refer = (from: number, count: number) =>
    uow.run(referent, () =>
      sequence(count, (i) =>
        referrals.refer(referent, { operatorId: admin.organisation.id, person: benchPerson(from + i), barriers: [BarrierTheme.MOBILITY] }).then((pathway) => pathway.id),
      ),
    );
  const pathwayIds: string[] = [];
  for (let from = 0; from < reads; from += BATCH) {
    const ids = await refer(from, Math.min(BATCH, reads - from));
    await uow.run(counsellor, () => sequence(ids.length, (i) => referrals.accept(counsellor, ids[i])));
    pathwayIds.push(...ids);
  }
  const dueAppointmentIds: string[] = [];
  // Due already, and on the referral's own day (an interview before its referral is BEFORE_REFERRAL): midnight in Paris today.
  const begun = parisInstant(parisDay(new Date()));
  for (let from = 0; from < writes; from += BATCH) {
    const ids = await refer(reads + from, Math.min(BATCH, writes - from));
    const appointments = await uow.run(writer, () =>
      sequence(ids.length, async (i) => {
        await referrals.accept(writer, ids[i]);
        return (await interviews.schedule(writer, ids[i], null, { startsAt: begun, channel: AppointmentChannel.ON_SITE, place: null })).id;
      }),
    );
    dueAppointmentIds.push(...appointments);
  }
  return { pathwayIds, dueAppointmentIds };
}

async function sequence<T>(count: number, step: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < count; i++) results.push(await step(i));
  return results;
}

export function benchPerson(i: number) {
  return {
    lastName: `Banc${i}`,
    firstNames: 'Camille',
    birthDate: '1990-01-01',
    sex: null,
    phone: null,
    email: null,
    addressLine: '1 rue Michelet',
    postalCode: '42000',
    communeCode: '42218',
    rsaStatus: RsaStatus.SOCLE,
    franceTravailRegistered: true,
    franceTravailId: null,
    franceTravailMissingReason: null,
    educationLevel: EducationLevel.LEVEL_4,
    informedOn: '2024-01-01',
  };
}
