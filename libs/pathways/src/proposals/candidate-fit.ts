import type { LocalDate } from '@parcours/core';
import { ContractType } from '@parcours/opportunities';
import { WorkingTime } from '../interviews/interview-enums';
import type { TargetJob } from '../interviews/diagnostic.entity';

/** Why a person matches an offer, each worth some points of the fit. */
export enum FitReason {
  /** A target job with the offer's ROME code. */
  SAME_ROME = 'SAME_ROME',
  /** A target job in the offer's ROME family (letter and two digits: K22). */
  SAME_ROME_FAMILY = 'SAME_ROME_FAMILY',
  WANTED_CONTRACT = 'WANTED_CONTRACT',
  WORKING_TIME = 'WORKING_TIME',
  /** Available by the offer's start day. */
  AVAILABLE = 'AVAILABLE',
  SAME_COMMUNE = 'SAME_COMMUNE',
  /** The offer is in the programme territory, and the person can move (a radius other than 0). */
  IN_TERRITORY = 'IN_TERRITORY',
}

/** Out of 100: the job itself weighs most, then the contract, then time, availability and place. */
export const FIT_POINTS: Record<FitReason, number> = {
  SAME_ROME: 50,
  SAME_ROME_FAMILY: 25,
  WANTED_CONTRACT: 15,
  WORKING_TIME: 10,
  AVAILABLE: 10,
  SAME_COMMUNE: 15,
  IN_TERRITORY: 10,
};

/** Full time from the legal working week (35 hours). */
const FULL_TIME_HOURS = 35;

export interface OfferToMatch {
  romeCode: string | null;
  contractType: ContractType;
  hoursPerWeek: number | null;
  startOn: LocalDate;
  communeCode: string;
}

/** What the diagnostic said the person looks for, and where they live now. */
export interface Seeker {
  targetJobs: TargetJob[];
  contractTypes: ContractType[];
  workingTime: WorkingTime;
  availableFrom: LocalDate | null;
  mobilityRadiusKm: number | null;
  communeCode: string;
}

/**
 * How well a person fits an offer: the reasons that hold and their points. The official commune
 * data Parcours ships (@etalab/decoupage-administratif) carries no commune centres, so the
 * mobility radius cannot be measured: the place fits when the offer is in the person's commune,
 * or in the programme territory (one urban transport network) for a person whose radius is not 0.
 */
export function candidateFit(offer: OfferToMatch, seeker: Seeker, inTerritory: (communeCode: string) => boolean): { score: number; reasons: FitReason[] } {
  const reasons: FitReason[] = [];
  const romes = seeker.targetJobs.map((job) => job.romeCode).filter((code): code is string => Boolean(code));
  if (offer.romeCode && romes.includes(offer.romeCode)) reasons.push(FitReason.SAME_ROME);
  else if (offer.romeCode && romes.some((code) => code.slice(0, 3) === offer.romeCode!.slice(0, 3))) reasons.push(FitReason.SAME_ROME_FAMILY);
  if (seeker.contractTypes.includes(offer.contractType)) reasons.push(FitReason.WANTED_CONTRACT);
  if (offer.hoursPerWeek !== null && fitsWorkingTime(seeker.workingTime, offer.hoursPerWeek)) reasons.push(FitReason.WORKING_TIME);
  if (seeker.availableFrom === null || seeker.availableFrom <= offer.startOn) reasons.push(FitReason.AVAILABLE);
  if (offer.communeCode === seeker.communeCode) reasons.push(FitReason.SAME_COMMUNE);
  else if (seeker.mobilityRadiusKm !== 0 && inTerritory(offer.communeCode)) reasons.push(FitReason.IN_TERRITORY);
  return { score: reasons.reduce((sum, reason) => sum + FIT_POINTS[reason], 0), reasons };
}

function fitsWorkingTime(wanted: WorkingTime, hours: number): boolean {
  if (wanted === WorkingTime.EITHER) return true;
  return (hours >= FULL_TIME_HOURS) === (wanted === WorkingTime.FULL_TIME);
}
