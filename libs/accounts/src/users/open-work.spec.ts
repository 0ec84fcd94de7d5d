import { randomUUID } from 'node:crypto';
import { OrganisationKind } from '@parcours/core';
import { HasOpenWorkError, holdsWork, NO_OPEN_WORK, successorProblem, type AccountFacts } from './open-work';
import { Role } from '@parcours/core';

type Org = { id: string; kind: OrganisationKind };
const operator: Org = { id: randomUUID(), kind: OrganisationKind.OPERATOR };
const otherOperator: Org = { id: randomUUID(), kind: OrganisationKind.OPERATOR };
const prescriber: Org = { id: randomUUID(), kind: OrganisationKind.PRESCRIBER };
const otherPrescriber: Org = { id: randomUUID(), kind: OrganisationKind.PRESCRIBER };
const user = (organisation: Org, role: Role, active = true): AccountFacts => ({ id: randomUUID(), role, active, organisationId: organisation.id, kind: organisation.kind });

describe('who may take over the work of a leaving account', () => {
  const counsellor = user(operator, Role.COUNSELLOR);
  const referent = user(prescriber, Role.REFERENT);

  it.each<[string, AccountFacts, AccountFacts]>([
    ['a counsellor of the same operator, for a counsellor', counsellor, user(operator, Role.COUNSELLOR)],
    ['a manager of the same operator, for a counsellor', counsellor, user(operator, Role.MANAGER)],
    ['a referent of the same prescriber, for a referent', referent, user(prescriber, Role.REFERENT)],
    ['a referent of another prescriber, for a referent (assignReferent allows it too)', referent, user(otherPrescriber, Role.REFERENT)],
  ])('accepts %s', (_case, leaving, successor) => {
    expect(successorProblem(leaving, successor)).toBeNull();
  });

  it.each<[string, AccountFacts, AccountFacts, string]>([
    ['the leaving account itself', counsellor, counsellor, 'its own successor'],
    ['a deactivated account', counsellor, user(operator, Role.COUNSELLOR, false), 'active'],
    ['a counsellor of another operator', counsellor, user(otherOperator, Role.COUNSELLOR), 'same operator'],
    ['an administrator', counsellor, user(operator, Role.ADMIN), 'counsellor or a manager'],
    ['a referent, for a counsellor', counsellor, referent, 'counsellor or a manager'],
    ['a counsellor, for a referent', referent, counsellor, 'must be a referent'],
  ])('refuses %s', (_case, leaving, successor, why) => {
    expect(successorProblem(leaving, successor)).toContain(why);
  });
});

describe('open work', () => {
  it('is held while any count is above zero', () => {
    expect(holdsWork(NO_OPEN_WORK)).toBe(false);
    expect(holdsWork({ ...NO_OPEN_WORK, reports: 1 })).toBe(true);
  });

  it('is refused with the counts, in the payload and in words, on the successor field', () => {
    const error = new HasOpenWorkError({ pathways: 3, checkpoints: 0, appointments: 1, reports: 2 }, 'name a successor.');
    expect(error.problems).toEqual([
      { code: 'HAS_OPEN_WORK', message: 'This account holds 3 open pathway(s), 1 planned interview(s), 2 unacknowledged report(s): name a successor.', field: ['input', 'successorId'] },
    ]);
    expect(error.payload).toEqual({ openWork: { pathways: 3, checkpoints: 0, appointments: 1, reports: 2 } });
  });
});
