import type { AccountsFixture, TestUser } from './accounts';
import type { GraphqlClient } from './graphql-client';
import type { UserErrorView } from './journey';

export const PARTNER_FIELDS = 'id organisationId name kind siret communeCode contact { name phone email } registeredByOperatorId history { kind fields byUserId at }';
export const OPPORTUNITY_FIELDS = `id kind status closedBecause title romeCode contractType hoursPerWeek communeCode startOn endOn positions hires qualification level
  partner { id name kind } client { id name kind } updatedAt closedAt`;
export const PROPOSAL_FIELDS = `id status proposedOn lastStepOn reason
  offer { opportunityId title kind contractType partnerName communeCode startOn }
  steps { step on reason comment }
  placementDraft { proposalId contractType employerPartnerId tempAgencyPartnerId clientPartnerId trainingBodyPartnerId qualification level startOn plannedEndOn hoursPerWeek }`;

/** SIRETs that pass the INSEE check: a Luhn check digit added to 13 digits. */
export function aSiret(): string {
  sirets += 1;
  const body = `7328${String(sirets).padStart(9, '0')}`;
  for (let check = 0; check <= 9; check++) if (luhn(`${body}${check}`)) return `${body}${check}`;
  throw new Error('unreachable');
}
let sirets = Math.floor(Math.random() * 1e6);

function luhn(digits: string): boolean {
  let sum = 0;
  [...digits].reverse().forEach((digit, index) => {
    let value = Number(digit) * (index % 2 === 1 ? 2 : 1);
    if (value > 9) value -= 9;
    sum += value;
  });
  return sum % 10 === 0;
}

export interface OpportunityView {
  id: string;
  status: string;
  closedBecause: string | null;
  hires: number;
  positions: number | null;
  partner: { id: string; name: string };
}

export interface ProposalView {
  id: string;
  status: string;
  reason: string | null;
  lastStepOn: string;
  offer: { title: string; partnerName: string };
  steps: { step: string; on: string; reason: string | null; comment: string | null }[];
  placementDraft: Record<string, unknown> | null;
}

type Payload<T> = T & { userErrors: UserErrorView[] };

/** Partners, offers and proposals through the real API. */
export class OffersFixture {
  constructor(
    readonly api: GraphqlClient,
    readonly accounts: AccountsFixture,
  ) {}

  async createPartnerRaw(user: TestUser | string, input: Record<string, unknown>) {
    const token = typeof user === 'string' ? user : user.token;
    const data = await this.api.data<{ createPartner: Payload<{ partner: { id: string; name: string } | null }> }>(
      `mutation ($input: CreatePartnerInput!) { createPartner(input: $input) { partner { ${PARTNER_FIELDS} } userErrors { code field message } } }`,
      { input },
      { token },
    );
    return data.createPartner;
  }

  /** A partner of the kind, registered by the administrator unless said otherwise; its id. */
  async partner(kind: 'EMPLOYER' | 'TEMP_AGENCY' | 'TRAINING_BODY', overrides: Record<string, unknown> = {}, by: TestUser | string = this.accounts.adminToken): Promise<string> {
    const result = await this.createPartnerRaw(by, {
      kind,
      name: `${kind} ${sirets}`,
      siret: aSiret(),
      communeCode: '42218',
      contact: { name: 'Claire Dupont', phone: '04 77 00 00 00', email: null },
      ...overrides,
    });
    if (!result.partner) throw new Error(`partner refused: ${JSON.stringify(result.userErrors)}`);
    return result.partner.id;
  }

  async opportunityRaw(user: TestUser, mutation: 'createOpportunity' | 'updateOpportunity', input: Record<string, unknown>) {
    const type = mutation === 'createOpportunity' ? 'CreateOpportunityInput' : 'UpdateOpportunityInput';
    const data = await this.api.data<Record<string, Payload<{ opportunity: OpportunityView | null }>>>(
      `mutation ($input: ${type}!) { ${mutation}(input: $input) { opportunity { ${OPPORTUNITY_FIELDS} } userErrors { code field message } } }`,
      { input },
      { token: user.token },
    );
    return data[mutation];
  }

  /** A CDD of 35 hours in Saint-Étienne, K2204, two positions, from 1 April 2026, unless overridden. */
  jobInput(partnerId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return { kind: 'JOB', partnerId, title: 'Agent de propreté', romeCode: 'K2204', contractType: 'CDD', hoursPerWeek: 35, communeCode: '42218', startOn: '2026-04-01', positions: 2, ...overrides };
  }

  /** A qualifying training, level 3, April to June 2026, unless overridden. */
  trainingInput(partnerId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return { kind: 'TRAINING', partnerId, title: 'CAP Agent de propreté', communeCode: '42218', startOn: '2026-04-06', endOn: '2026-06-26', qualification: 'QUALIFYING', level: 3, ...overrides };
  }

  async job(user: TestUser, partnerId: string, overrides: Record<string, unknown> = {}): Promise<OpportunityView> {
    const result = await this.opportunityRaw(user, 'createOpportunity', this.jobInput(partnerId, overrides));
    if (!result.opportunity) throw new Error(`job refused: ${JSON.stringify(result.userErrors)}`);
    return result.opportunity;
  }

  async proposeRaw(user: TestUser, pathwayId: string, opportunityId: string) {
    const data = await this.api.data<{ proposeOpportunity: Payload<{ proposal: ProposalView | null; pathway: { status: string } | null }> }>(
      `mutation ($input: ProposeOpportunityInput!) { proposeOpportunity(input: $input) { proposal { ${PROPOSAL_FIELDS} } pathway { status } userErrors { code field message } } }`,
      { input: { pathwayId, opportunityId } },
      { token: user.token },
    );
    return data.proposeOpportunity;
  }

  async propose(user: TestUser, pathwayId: string, opportunityId: string): Promise<ProposalView> {
    const result = await this.proposeRaw(user, pathwayId, opportunityId);
    if (!result.proposal) throw new Error(`not proposed: ${JSON.stringify(result.userErrors)}`);
    return result.proposal;
  }

  async stepRaw(user: TestUser, proposalId: string, step: string, on: string, extra: { reason?: string; comment?: string } = {}) {
    const data = await this.api.data<{ recordProposalStep: Payload<{ proposal: ProposalView | null }> }>(
      `mutation ($input: RecordProposalStepInput!) { recordProposalStep(input: $input) { proposal { ${PROPOSAL_FIELDS} } userErrors { code field message } } }`,
      { input: { proposalId, step, on, ...extra } },
      { token: user.token },
    );
    return data.recordProposalStep;
  }

  async step(user: TestUser, proposalId: string, step: string, on: string, extra: { reason?: string; comment?: string } = {}): Promise<ProposalView> {
    const result = await this.stepRaw(user, proposalId, step, on, extra);
    if (!result.proposal) throw new Error(`step ${step} refused: ${JSON.stringify(result.userErrors)}`);
    return result.proposal;
  }
}
