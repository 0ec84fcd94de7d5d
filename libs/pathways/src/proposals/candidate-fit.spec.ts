import { ContractType } from '@parcours/opportunities';
import { WorkingTime } from '../interviews/interview-enums';
import { candidateFit, FitReason, type OfferToMatch, type Seeker } from './candidate-fit';

const offer: OfferToMatch = { romeCode: 'K2204', contractType: ContractType.CDD, hoursPerWeek: 35, startOn: '2026-04-01', communeCode: '42218' };
const seeker: Seeker = {
  targetJobs: [{ title: 'Agent de propreté', romeCode: 'K2204' }],
  contractTypes: [ContractType.CDD],
  workingTime: WorkingTime.FULL_TIME,
  availableFrom: '2026-03-20',
  mobilityRadiusKm: 10,
  communeCode: '42218',
};
const territory = (code: string) => ['42218', '42095'].includes(code);

describe('candidateFit', () => {
  it('counts every reason of a perfect match', () => {
    expect(candidateFit(offer, seeker, territory)).toEqual({ score: 100, reasons: ['SAME_ROME', 'WANTED_CONTRACT', 'WORKING_TIME', 'AVAILABLE', 'SAME_COMMUNE'] });
  });

  it.each<[string, Partial<Seeker>, Partial<OfferToMatch>, FitReason | null, FitReason | null]>([
    ['same ROME family (K22)', { targetJobs: [{ title: 'x', romeCode: 'K2201' }] }, {}, FitReason.SAME_ROME_FAMILY, FitReason.SAME_ROME],
    ['another family', { targetJobs: [{ title: 'x', romeCode: 'K2301' }] }, {}, null, FitReason.SAME_ROME_FAMILY],
    ['no ROME on the offer', {}, { romeCode: null }, null, FitReason.SAME_ROME],
    ['a contract not wanted', { contractTypes: [ContractType.CDI] }, {}, null, FitReason.WANTED_CONTRACT],
    ['part time wanted, 35 hours offered', { workingTime: WorkingTime.PART_TIME }, {}, null, FitReason.WORKING_TIME],
    ['part time wanted, 20 hours offered', { workingTime: WorkingTime.PART_TIME }, { hoursPerWeek: 20 }, FitReason.WORKING_TIME, null],
    ['full time wanted, 34 hours offered', {}, { hoursPerWeek: 34 }, null, FitReason.WORKING_TIME],
    ['either', { workingTime: WorkingTime.EITHER }, { hoursPerWeek: 10 }, FitReason.WORKING_TIME, null],
    ['available on the start day', { availableFrom: '2026-04-01' }, {}, FitReason.AVAILABLE, null],
    ['available the day after the start', { availableFrom: '2026-04-02' }, {}, null, FitReason.AVAILABLE],
    ['available at once', { availableFrom: null }, {}, FitReason.AVAILABLE, null],
    ['another commune of the territory', { communeCode: '42095' }, {}, FitReason.IN_TERRITORY, FitReason.SAME_COMMUNE],
    ['cannot move (radius 0)', { communeCode: '42095', mobilityRadiusKm: 0 }, {}, null, FitReason.IN_TERRITORY],
    ['offer outside the territory', { communeCode: '42095' }, { communeCode: '69123' }, null, FitReason.IN_TERRITORY],
  ])('%s', (_, person, job, present, absent) => {
    const { reasons } = candidateFit({ ...offer, ...job }, { ...seeker, ...person }, territory);
    if (present) expect(reasons).toContain(present);
    if (absent) expect(reasons).not.toContain(absent);
  });
});
