import { BarrierTheme, RsaStatus } from '@parcours/participants';
import { assessEligibility } from './eligibility';

describe('assessEligibility', () => {
  it.each([
    [true, RsaStatus.SOCLE, [], true, ['RESIDES_IN_TERRITORY', 'RECEIVES_RSA_SOCLE'], []],
    [true, RsaStatus.SOCLE_ACTIVITE, [], true, ['RESIDES_IN_TERRITORY', 'RECEIVES_RSA_SOCLE_ACTIVITE'], []],
    [true, RsaStatus.NONE, [BarrierTheme.MOBILITY], true, ['RESIDES_IN_TERRITORY', 'DECLARED_BARRIERS'], []],
    [true, RsaStatus.SOCLE, [BarrierTheme.HOUSING], true, ['RESIDES_IN_TERRITORY', 'RECEIVES_RSA_SOCLE', 'DECLARED_BARRIERS'], []],
    [true, RsaStatus.NONE, [], false, ['RESIDES_IN_TERRITORY'], ['NO_RSA_NOR_BARRIER']],
    [false, RsaStatus.SOCLE, [], false, ['RECEIVES_RSA_SOCLE'], ['OUTSIDE_TERRITORY']],
    [false, RsaStatus.NONE, [], false, [], ['OUTSIDE_TERRITORY', 'NO_RSA_NOR_BARRIER']],
  ])('in territory %s, RSA %s, barriers %j → eligible %s', (residesInTerritory, rsaStatus, barriers, eligible, reasons, unmet) => {
    expect(assessEligibility({ residesInTerritory, rsaStatus, barriers })).toEqual({ eligible, reasons, unmet });
  });
});
