import { OrganisationKind } from '@parcours/accounts';
import { ContractType, Qualification } from '@parcours/opportunities';
import { contractProblems, partiesProblems, startWindow, type ContractInput, type PartyKinds, type PlacementParties } from './placement-terms';

const window = startWindow('2026-03-16', '2026-03-20'); // the referral; today
const job = (overrides: Partial<ContractInput> = {}): ContractInput => ({ contractType: ContractType.CDD, startOn: '2026-04-01', plannedEndOn: '2026-09-30', hoursPerWeek: 35, ...overrides });
const codes = (problems: { code: string; field?: string[] }[]) => problems.map((problem) => `${problem.code} ${problem.field?.at(-1)}`);

describe('contractProblems', () => {
  it.each<[string, Partial<ContractInput>, string[]]>([
    ['a good CDD', {}, []],
    ['a CDD without planned end', { plannedEndOn: null }, ['PLANNED_END_REQUIRED plannedEndOn']],
    ['a CDI with a planned end', { contractType: ContractType.CDI }, ['PLANNED_END_NOT_ALLOWED plannedEndOn']],
    ['a CDI without', { contractType: ContractType.CDI, plannedEndOn: null }, []],
    ['a CDI_INCLUSION with a planned end', { contractType: ContractType.CDI_INCLUSION }, ['PLANNED_END_NOT_ALLOWED plannedEndOn']],
    ['a CDDI without', { contractType: ContractType.CDDI, plannedEndOn: null }, ['PLANNED_END_REQUIRED plannedEndOn']],
    ['a PEC without', { contractType: ContractType.PEC, plannedEndOn: null }, ['PLANNED_END_REQUIRED plannedEndOn']],
    ['an end before the start', { plannedEndOn: '2026-03-31' }, ['END_BEFORE_START plannedEndOn']],
    ['an end on the start day', { plannedEndOn: '2026-04-01' }, []],
    ['a start on the referral day', { startOn: '2026-03-16' }, []],
    ['a start the day before', { startOn: '2026-03-15' }, ['BEFORE_REFERRAL startOn']],
    ['a start 60 days ahead', { startOn: '2026-05-19' }, []],
    ['a start 61 days ahead', { startOn: '2026-05-20' }, ['TOO_FAR_AHEAD startOn']],
    ['no start', { startOn: null }, ['FIELD_REQUIRED startOn']],
    ['1 hour', { hoursPerWeek: 1 }, []],
    ['48 hours', { hoursPerWeek: 48 }, []],
    ['0 hours', { hoursPerWeek: 0 }, ['INVALID_HOURS hoursPerWeek']],
    ['49 hours', { hoursPerWeek: 49 }, ['INVALID_HOURS hoursPerWeek']],
    ['35.5 hours', { hoursPerWeek: 35.5 }, ['INVALID_HOURS hoursPerWeek']],
    ['a job without hours', { hoursPerWeek: null }, ['FIELD_REQUIRED hoursPerWeek']],
    ['a business creation without hours', { contractType: ContractType.BUSINESS_CREATION, plannedEndOn: null, hoursPerWeek: null }, []],
    ['a job with a qualification', { qualification: Qualification.QUALIFYING }, ['FIELD_NOT_ALLOWED qualification']],
    ['a training', { contractType: ContractType.TRAINING, hoursPerWeek: null, qualification: Qualification.PRE_QUALIFYING, level: 4 }, []],
    ['a training without qualification', { contractType: ContractType.TRAINING, hoursPerWeek: null }, ['FIELD_REQUIRED qualification']],
    ['a training of level 9', { contractType: ContractType.TRAINING, qualification: Qualification.QUALIFYING, level: 9 }, ['INVALID_LEVEL level']],
  ])('%s: %j', (_case, overrides, expected) => {
    expect(codes(contractProblems(job(overrides), window))).toEqual(expected);
  });

  it('names the fields under the path given (a situation declared at exit)', () => {
    expect(contractProblems(job({ plannedEndOn: null }), window, ['input', 'situation'])).toEqual([expect.objectContaining({ field: ['input', 'situation', 'plannedEndOn'] })]);
  });
});

describe('partiesProblems', () => {
  const { EMPLOYER, TEMP_AGENCY, TRAINING_BODY } = OrganisationKind;
  const e = 'employer';
  const a = 'agency';
  const c = 'client';
  const s = 'school';
  it.each<[ContractType, PlacementParties, PartyKinds, string[]]>([
    [ContractType.CDD, { employerPartnerId: e }, { employerPartnerId: EMPLOYER }, []],
    [ContractType.CDD, { tempAgencyPartnerId: a, clientPartnerId: c }, { tempAgencyPartnerId: TEMP_AGENCY, clientPartnerId: EMPLOYER }, []],
    [ContractType.CDD, {}, {}, ['FIELD_REQUIRED employerPartnerId']],
    [ContractType.CDD, { employerPartnerId: e, tempAgencyPartnerId: a }, { employerPartnerId: EMPLOYER, tempAgencyPartnerId: TEMP_AGENCY }, ['FIELD_NOT_ALLOWED tempAgencyPartnerId']],
    [ContractType.CDD, { employerPartnerId: e, clientPartnerId: c }, { employerPartnerId: EMPLOYER, clientPartnerId: EMPLOYER }, ['FIELD_NOT_ALLOWED clientPartnerId']],
    [ContractType.CDD, { employerPartnerId: a }, { employerPartnerId: TEMP_AGENCY }, ['WRONG_PARTNER_KIND employerPartnerId']],
    [ContractType.TEMP_MISSION, { tempAgencyPartnerId: a }, { tempAgencyPartnerId: TEMP_AGENCY }, []],
    [ContractType.TEMP_MISSION, { employerPartnerId: e }, { employerPartnerId: EMPLOYER }, ['FIELD_REQUIRED tempAgencyPartnerId', 'FIELD_NOT_ALLOWED employerPartnerId']],
    [ContractType.CDI_INTERIM, {}, {}, ['FIELD_REQUIRED tempAgencyPartnerId']],
    [ContractType.TEMP_MISSION, { tempAgencyPartnerId: a, clientPartnerId: s }, { tempAgencyPartnerId: TEMP_AGENCY, clientPartnerId: TRAINING_BODY }, ['WRONG_PARTNER_KIND clientPartnerId']],
    [ContractType.BUSINESS_CREATION, {}, {}, []],
    [ContractType.BUSINESS_CREATION, { employerPartnerId: e }, { employerPartnerId: EMPLOYER }, ['FIELD_NOT_ALLOWED employerPartnerId']],
    [ContractType.TRAINING, { trainingBodyPartnerId: s }, { trainingBodyPartnerId: TRAINING_BODY }, []],
    [ContractType.TRAINING, {}, {}, ['FIELD_REQUIRED trainingBodyPartnerId']],
    [ContractType.TRAINING, { trainingBodyPartnerId: s, employerPartnerId: e }, { trainingBodyPartnerId: TRAINING_BODY, employerPartnerId: EMPLOYER }, ['FIELD_NOT_ALLOWED employerPartnerId']],
    [ContractType.CDD, { employerPartnerId: e, trainingBodyPartnerId: s }, { employerPartnerId: EMPLOYER, trainingBodyPartnerId: TRAINING_BODY }, ['FIELD_NOT_ALLOWED trainingBodyPartnerId']],
  ])('%s with %j', (type, parties, kinds, expected) => {
    expect(codes(partiesProblems(type, parties, kinds))).toEqual(expected);
  });
});
