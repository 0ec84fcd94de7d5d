import { ContractType, Qualification } from '@parcours/opportunities';
import { computeOutcome, lastsSixMonths, OutcomeCategory, SixMonthsRule, tempChains, type Contract, type OutcomeParameters } from './outcome';

const AT_LEAST: OutcomeParameters = { sixMonthsRule: SixMonthsRule.AT_LEAST, tempChainGapDays: 7 };
const MORE_THAN: OutcomeParameters = { sixMonthsRule: SixMonthsRule.MORE_THAN, tempChainGapDays: 7 };
const { DURABLE_EMPLOYMENT: DURABLE, TRANSITIONAL_EMPLOYMENT: TRANSITIONAL, POSITIVE_EXIT: POSITIVE, OTHER } = OutcomeCategory;

function contract(contractType: ContractType, startOn: string, plannedEndOn: string | null, endedOn: string | null = null, qualification: Qualification | null = null): Contract {
  return { contractType, startOn, plannedEndOn, endedOn, qualification };
}
const cdd = (start: string, end: string, ended: string | null = end) => contract(ContractType.CDD, start, end, ended);
const mission = (start: string, end: string, ended: string | null = end) => contract(ContractType.TEMP_MISSION, start, end, ended);

describe('lastsSixMonths', () => {
  it.each([
    ['2026-03-15', '2026-09-14', SixMonthsRule.AT_LEAST, true],
    ['2026-03-15', '2026-09-13', SixMonthsRule.AT_LEAST, false],
    ['2026-03-15', '2026-09-14', SixMonthsRule.MORE_THAN, false],
    ['2026-03-15', '2026-09-15', SixMonthsRule.MORE_THAN, true],
    ['2026-01-01', '2026-06-30', SixMonthsRule.AT_LEAST, true],
    ['2026-08-31', '2027-02-27', SixMonthsRule.AT_LEAST, true], // 31 August + 6 months = 28 February
    ['2026-08-31', '2027-02-26', SixMonthsRule.AT_LEAST, false],
  ])('%s to %s under %s: %s', (from, to, rule, expected) => {
    expect(lastsSixMonths(from, to, rule)).toBe(expected);
  });
});

describe('computeOutcome', () => {
  it.each<[string, string, Contract[], Contract | null, OutcomeParameters, OutcomeCategory]>([
    ['a CDD 15 March–14 September', '2026-09-14', [cdd('2026-03-15', '2026-09-14')], null, AT_LEAST, DURABLE],
    ['a CDD one day shorter', '2026-09-13', [cdd('2026-03-15', '2026-09-13')], null, AT_LEAST, TRANSITIONAL],
    ['15 March–14 September under MORE_THAN', '2026-09-14', [cdd('2026-03-15', '2026-09-14')], null, MORE_THAN, TRANSITIONAL],
    ['15 March–15 September under MORE_THAN', '2026-09-15', [cdd('2026-03-15', '2026-09-15')], null, MORE_THAN, DURABLE],
    ['a CDD 1 January–30 June', '2026-06-30', [cdd('2026-01-01', '2026-06-30')], null, AT_LEAST, DURABLE],
    ['a running CDD measured on its planned end', '2026-04-01', [cdd('2026-03-15', '2026-09-14', null)], null, AT_LEAST, DURABLE],
    [
      'missions ending 10 March and starting 17 March: one chain',
      '2026-09-01',
      [mission('2026-01-05', '2026-03-10'), mission('2026-03-17', '2026-09-01')],
      null,
      AT_LEAST,
      DURABLE,
    ],
    [
      'missions ending 10 March and starting 18 March: two chains',
      '2026-09-01',
      [mission('2026-01-05', '2026-03-10'), mission('2026-03-18', '2026-09-01')],
      null,
      AT_LEAST,
      TRANSITIONAL,
    ],
    [
      'a chain whose last mission runs, measured to its planned end',
      '2026-04-01',
      [mission('2026-01-05', '2026-03-10'), mission('2026-03-12', '2026-07-04', null)],
      null,
      AT_LEAST,
      DURABLE,
    ],
    [
      'the same chain, its last mission planned to end a day earlier',
      '2026-04-01',
      [mission('2026-01-05', '2026-03-10'), mission('2026-03-12', '2026-07-03', null)],
      null,
      AT_LEAST,
      TRANSITIONAL,
    ],
    [
      "an exit day in a chain's gap finds no running mission",
      '2026-03-14',
      [mission('2025-09-01', '2026-03-10'), mission('2026-03-17', '2026-09-01', null)],
      null,
      AT_LEAST,
      OTHER,
    ],
    ['a PEC of a year', '2026-06-01', [contract(ContractType.PEC, '2026-01-01', '2026-12-31')], null, AT_LEAST, TRANSITIONAL],
    ['a CUI-CIE of two years', '2026-06-01', [contract(ContractType.CUI_CIE, '2026-01-01', '2027-12-31')], null, AT_LEAST, TRANSITIONAL],
    ['a CDDI', '2026-06-01', [contract(ContractType.CDDI, '2026-05-01', '2026-08-31')], null, AT_LEAST, POSITIVE],
    ['a CDI inclusion', '2026-06-01', [contract(ContractType.CDI_INCLUSION, '2026-05-01', null)], null, AT_LEAST, POSITIVE],
    ['a qualifying training', '2026-06-01', [contract(ContractType.TRAINING, '2026-05-01', '2026-09-30', null, Qualification.QUALIFYING)], null, AT_LEAST, POSITIVE],
    ['a pre-qualifying training', '2026-06-01', [contract(ContractType.TRAINING, '2026-05-01', '2026-09-30', null, Qualification.PRE_QUALIFYING)], null, AT_LEAST, POSITIVE],
    ['a non-qualifying training', '2026-06-01', [contract(ContractType.TRAINING, '2026-05-01', '2026-09-30', null, Qualification.NOT_QUALIFYING)], null, AT_LEAST, OTHER],
    [
      'two placements at exit: the best wins',
      '2026-06-01',
      [contract(ContractType.CDDI, '2026-05-01', '2026-08-31', null), cdd('2026-05-15', '2026-07-31', null)],
      null,
      AT_LEAST,
      TRANSITIONAL,
    ],
    ['a CDI ended on the exit day', '2026-06-01', [contract(ContractType.CDI, '2026-02-01', null, '2026-06-01')], null, AT_LEAST, DURABLE],
    ['a CDI ended the day before the exit', '2026-06-02', [contract(ContractType.CDI, '2026-02-01', null, '2026-06-01')], null, AT_LEAST, OTHER],
    ['a placement not yet started', '2026-06-01', [contract(ContractType.CDI, '2026-06-15', null)], null, AT_LEAST, OTHER],
    ['a declared CDI', '2026-06-01', [], contract(ContractType.CDI, '2026-06-08', null), AT_LEAST, DURABLE],
    ['a declared CDD of three months beside a qualifying training', '2026-06-01', [contract(ContractType.TRAINING, '2026-05-01', '2026-09-30', null, Qualification.QUALIFYING)], cdd('2026-06-08', '2026-09-07', null), AT_LEAST, TRANSITIONAL],
    ['nothing', '2026-06-01', [], null, AT_LEAST, OTHER],
  ])('%s: %s', (_case, exitOn, placements, declared, parameters, expected) => {
    expect(computeOutcome(exitOn, placements, declared, parameters).category).toBe(expected);
  });

  it('stores what it measured and the rule it used', () => {
    const outcome = computeOutcome('2026-04-01', [mission('2026-01-05', '2026-03-10'), mission('2026-03-12', '2026-07-10', null)], null, AT_LEAST);
    expect(outcome).toEqual({
      category: DURABLE,
      basis: { source: 'TEMP_CHAIN', contractType: ContractType.TEMP_MISSION, from: '2026-01-05', to: '2026-07-10' },
      parameters: AT_LEAST,
    });
  });

  it('chains missions of any agency within the gap, and overlapping ones', () => {
    const chains = tempChains([mission('2026-03-17', '2026-04-30'), mission('2026-01-05', '2026-03-10'), mission('2026-04-20', '2026-05-31'), mission('2026-06-09', '2026-06-30')], 7);
    expect(chains.map((chain) => [chain.startOn, chain.endOn, chain.missions.length])).toEqual([
      ['2026-01-05', '2026-05-31', 3],
      ['2026-06-09', '2026-06-30', 1],
    ]);
  });
});
