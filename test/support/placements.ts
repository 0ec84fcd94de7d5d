import type { GraphqlClient } from './graphql-client';
import type { TestUser } from './accounts';
import type { UserErrorView } from './journey';

export const PLACEMENT_FIELDS = `id contractType startOn plannedEndOn endedOn endReason endComment running hoursPerWeek qualification level proposalId correctedAt
  employer { id name } tempAgency { id name } client { id name } trainingBody { id name }`;
export const OUTCOME_FIELDS = 'category exitedOn reason comment basis { source contractType from to } sixMonthsRule tempChainGapDays declaredSituation { contractType startOn plannedEndOn endedOn qualification }';
export const CONTACT_FIELDS = 'id kind on reached situation difficulties { theme blocking } justiceJustification note nextStep checkpointId';
export const CHECKPOINT_FIELDS = 'id kind offset placementId dueOn status recordedAt missedAt';

export interface PlacementView {
  id: string;
  contractType: string;
  startOn: string;
  plannedEndOn: string | null;
  endedOn: string | null;
  endReason: string | null;
  endComment: string | null;
  running: boolean;
  proposalId: string | null;
  employer: { id: string; name: string } | null;
  tempAgency: { id: string; name: string } | null;
  client: { id: string; name: string } | null;
}

export interface OutcomeView {
  category: string;
  exitedOn: string;
  reason: string;
  comment: string | null;
  basis: { source: string; contractType: string; from: string; to: string | null } | null;
  sixMonthsRule: string;
  tempChainGapDays: number;
}

export interface CheckpointView {
  id: string;
  kind: string;
  offset: string | null;
  placementId: string | null;
  dueOn: string;
  status: string;
}

export interface ContactView {
  id: string;
  situation: string | null;
  difficulties: { theme: string; blocking: boolean }[];
  justiceJustification: string | null;
  note: string | null;
  nextStep: string | null;
  checkpointId: string | null;
}

type Payload<T> = T & { userErrors: UserErrorView[] };

/** Placements, contacts and exits through the real API. */
export class PlacementsFixture {
  constructor(readonly api: GraphqlClient) {}

  async startRaw(user: TestUser, input: Record<string, unknown>) {
    const data = await this.api.data<{ startPlacement: Payload<{ placement: PlacementView | null; pathway: { status: string } | null }> }>(
      `mutation ($input: StartPlacementInput!) { startPlacement(input: $input) { placement { ${PLACEMENT_FIELDS} } pathway { status } userErrors { code field message } } }`,
      { input },
      { token: user.token },
    );
    return data.startPlacement;
  }

  async start(user: TestUser, input: Record<string, unknown>): Promise<PlacementView> {
    const result = await this.startRaw(user, input);
    if (!result.placement) throw new Error(`placement refused: ${JSON.stringify(result.userErrors)}`);
    return result.placement;
  }

  async endRaw(user: TestUser, placementId: string, endedOn: string, reason = 'END_OF_TERM', comment?: string) {
    const data = await this.api.data<{ endPlacement: Payload<{ placement: PlacementView | null; convertedTo: PlacementView | null; pathway: { status: string } | null }> }>(
      `mutation ($input: EndPlacementInput!) { endPlacement(input: $input) { placement { ${PLACEMENT_FIELDS} } convertedTo { ${PLACEMENT_FIELDS} } pathway { status } userErrors { code field message } } }`,
      { input: { placementId, endedOn, reason, ...(comment ? { comment } : {}) } },
      { token: user.token },
    );
    return data.endPlacement;
  }

  async end(user: TestUser, placementId: string, endedOn: string, reason = 'END_OF_TERM', comment?: string) {
    const result = await this.endRaw(user, placementId, endedOn, reason, comment);
    if (!result.placement) throw new Error(`end refused: ${JSON.stringify(result.userErrors)}`);
    return result;
  }

  async correctRaw(user: TestUser, input: Record<string, unknown>) {
    const data = await this.api.data<{ correctPlacement: Payload<{ placement: PlacementView | null; pathway: { status: string } | null }> }>(
      `mutation ($input: CorrectPlacementInput!) { correctPlacement(input: $input) { placement { ${PLACEMENT_FIELDS} } pathway { status } userErrors { code field message } } }`,
      { input },
      { token: user.token },
    );
    return data.correctPlacement;
  }

  async exitRaw(user: TestUser, input: Record<string, unknown>) {
    const data = await this.api.data<{ exitPathway: Payload<{ outcome: OutcomeView | null; pathway: { status: string } | null }> }>(
      `mutation ($input: ExitPathwayInput!) { exitPathway(input: $input) { outcome { ${OUTCOME_FIELDS} } pathway { status } userErrors { code field message } } }`,
      { input },
      { token: user.token },
    );
    return data.exitPathway;
  }

  async contactRaw(user: TestUser, input: Record<string, unknown>) {
    const data = await this.api.data<{ recordContact: Payload<{ contact: ContactView | null; checkpoint: CheckpointView | null }> }>(
      `mutation ($input: RecordContactInput!) { recordContact(input: $input) { contact { ${CONTACT_FIELDS} } checkpoint { ${CHECKPOINT_FIELDS} } userErrors { code field message } } }`,
      { input: { kind: 'PHONE_CALL', reached: 'BOTH', ...input } },
      { token: user.token },
    );
    return data.recordContact;
  }

  async contact(user: TestUser, input: Record<string, unknown>) {
    const result = await this.contactRaw(user, input);
    if (!result.contact) throw new Error(`contact refused: ${JSON.stringify(result.userErrors)}`);
    return result;
  }

  /** The pathway's follow-up as `user` reads it. */
  async followUp(user: TestUser, pathwayId: string) {
    const data = await this.api.data<{
      pathway: { status: string; placements: PlacementView[]; checkpoints: CheckpointView[]; contacts: ContactView[]; outcome: OutcomeView | null };
    }>(
      `query ($id: ID!) { pathway(id: $id) { status placements { ${PLACEMENT_FIELDS} } checkpoints { ${CHECKPOINT_FIELDS} } contacts { ${CONTACT_FIELDS} } outcome { ${OUTCOME_FIELDS} } } }`,
      { id: pathwayId },
      { token: user.token },
    );
    return data.pathway;
  }
}
