import { User } from '@parcours/accounts';
import { Participant } from '@parcours/participants';
import { Pathway, RefusedReferral } from '@parcours/pathways';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { AccountsFixture, type TestUser } from '../support/accounts';
import { errorCodes } from '../support/graphql-client';
import { aPerson, JourneyFixture, REFER, startJourneyApp } from '../support/journey';
import type { TestApp } from '../support/test-app';

describe('referrals', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let referent: TestUser;
  let otherReferent: TestUser;
  const count = (entity: typeof Participant | typeof Pathway | typeof RefusedReferral) => t.orm.em.fork().count(entity, {});

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    referent = await accounts.user('REFERENT');
    otherReferent = await accounts.user('REFERENT');
  });
  afterAll(() => t.close());

  it('refers an eligible person living in Saint-Étienne: REFERRED, with the situation and the reasons', async () => {
    const result = await journey.referRaw(referent, aPerson({ lastName: 'Dupré', firstNames: 'Hélène', rsaStatus: 'NONE' }), {
      barriers: ['MOBILITY', 'DIGITAL', 'MOBILITY'],
    });
    expect(result.userErrors).toEqual([]);
    expect(result.pathway).toMatchObject({
      status: 'REFERRED',
      referredOn: '2026-03-16',
      waitingTooLong: false,
      participant: { lastName: 'Dupré', firstNames: 'Hélène', birthDate: '1988-06-15', commune: { inseeCode: '42218', name: 'Saint-Étienne' } },
      operator: { id: accounts.operatorId, name: 'Forez Entreprendre' },
      referent: { id: referent.id },
      counsellor: null,
      situation: { commune: { inseeCode: '42218', inTerritory: true }, rsaStatus: 'NONE', barriers: ['DIGITAL', 'MOBILITY'], eligibilityReasons: ['RESIDES_IN_TERRITORY', 'DECLARED_BARRIERS'] },
    });
    const { pathway } = await t.api.data<{ pathway: { history: { kind: string; toStatus: string; byUserId: string }[] } }>(
      'query ($id: ID!) { pathway(id: $id) { history { kind toStatus byUserId } } }',
      { id: result.pathway!.id },
      { token: referent.token },
    );
    expect(pathway.history).toEqual([{ kind: 'TRANSITION', toStatus: 'REFERRED', byUserId: referent.id }]);
  });

  it('refuses an ineligible referral naming each unmet condition, and keeps only an anonymous trace', async () => {
    const [participants, pathways, refused] = [await count(Participant), await count(Pathway), await count(RefusedReferral)];
    const result = await journey.referRaw(referent, aPerson({ lastName: 'Introuvable', communeCode: '42187', postalCode: '42300', rsaStatus: 'NONE' }));
    expect(result.pathway).toBeNull();
    expect(result.userErrors.map((error) => [error.code, error.field?.join('.')])).toEqual([
      ['OUTSIDE_TERRITORY', 'input.person.communeCode'],
      ['NO_RSA_NOR_BARRIER', 'input.barriers'],
    ]);
    expect(await count(Participant)).toBe(participants);
    expect(await count(Pathway)).toBe(pathways);
    expect(await count(RefusedReferral)).toBe(refused + 1);
    const trace = await t.orm.em.fork().findOneOrFail(RefusedReferral, { communeCode: '42187' }, { populate: ['referent', 'prescriber'] });
    expect(trace).toMatchObject({ refusedOn: '2026-03-16', unmetCodes: 'OUTSIDE_TERRITORY,NO_RSA_NOR_BARRIER' });
    expect(trace.referent.id).toBe(referent.id);
    expect(trace.prescriber.getEntity().kind).toBe('PRESCRIBER');
    expect(JSON.stringify(await t.orm.em.fork().getConnection().execute('select * from refused_referral'))).not.toContain('Introuvable');
  });

  it('names only the condition that fails', async () => {
    const outside = await journey.referRaw(referent, aPerson({ communeCode: '69123', postalCode: '69001', rsaStatus: 'SOCLE_ACTIVITE' }));
    expect(outside.userErrors.map((error) => error.code)).toEqual(['OUTSIDE_TERRITORY']);
    const noRsa = await journey.referRaw(referent, aPerson({ rsaStatus: 'NONE' }));
    expect(noRsa.userErrors.map((error) => error.code)).toEqual(['NO_RSA_NOR_BARRIER']);
  });

  it('says every problem in one answer, fields and unmet conditions together, and counts no refused attempt until the fields are right', async () => {
    const refused = await count(RefusedReferral);
    const all = await journey.referRaw(referent, aPerson({ communeCode: '69123', postalCode: '69001', rsaStatus: 'NONE', franceTravailRegistered: false, informedOn: '2026-03-17' }));
    expect(all.pathway).toBeNull();
    expect(all.userErrors.map((error) => [error.code, error.field?.join('.')])).toEqual([
      ['INVALID_DATE', 'input.person.informedOn'],
      ['REASON_REQUIRED', 'input.person.franceTravailMissingReason'],
      ['OUTSIDE_TERRITORY', 'input.person.communeCode'],
      ['NO_RSA_NOR_BARRIER', 'input.barriers'],
    ]);
    expect(await count(RefusedReferral)).toBe(refused);
    // An unknown commune leaves the territory unjudged; the other conditions are said.
    const unknown = await journey.referRaw(referent, aPerson({ communeCode: '99999', rsaStatus: 'NONE' }));
    expect(unknown.userErrors.map((error) => error.code)).toEqual(['UNKNOWN_COMMUNE', 'NO_RSA_NOR_BARRIER']);
  });

  it.each([
    ['an unknown commune', { communeCode: '99999' }, {}, 'UNKNOWN_COMMUNE', 'input.person.communeCode'],
    ['JUSTICE without a justification', {}, { barriers: ['JUSTICE'] }, 'JUSTIFICATION_REQUIRED', 'input.justiceJustification'],
    ['no France Travail registration and no reason', { franceTravailRegistered: false }, {}, 'REASON_REQUIRED', 'input.person.franceTravailMissingReason'],
    ['an information date in the future', { informedOn: '2026-03-17' }, {}, 'INVALID_DATE', 'input.person.informedOn'],
    ['a birth date in the future', { birthDate: '2027-01-01' }, {}, 'INVALID_DATE', 'input.person.birthDate'],
    ['a malformed e-mail address', { email: 'nowhere' }, {}, 'INVALID_INPUT', 'input.person.email'],
    ['a malformed postal code', { postalCode: '4200' }, {}, 'INVALID_INPUT', 'input.person.postalCode'],
  ])('refuses %s with a clear error, storing nothing', async (_case, person, extra, code, field) => {
    const [participants, pathways, refused] = [await count(Participant), await count(Pathway), await count(RefusedReferral)];
    const result = await journey.referRaw(referent, aPerson(person), extra);
    expect(result.pathway).toBeNull();
    expect(result.userErrors.map((error) => [error.code, error.field?.join('.')])).toEqual([[code, field]]);
    expect([await count(Participant), await count(Pathway), await count(RefusedReferral)]).toEqual([participants, pathways, refused]);
  });

  it('answers an invalid calendar day as BAD_USER_INPUT', async () => {
    const response = await t.api.request(REFER, { input: { operatorId: accounts.operatorId, person: aPerson({ birthDate: '1990-02-30' }), barriers: [] } }, { token: referent.token });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('answers an organisation that is not an operator as NOT_FOUND', async () => {
    const prescriber = await accounts.organisation('PRESCRIBER');
    const data = await t.api.data<{ referParticipant: { userErrors: { code: string }[] } }>(
      REFER,
      { input: { operatorId: prescriber, person: aPerson(), barriers: [] } },
      { token: referent.token },
    );
    expect(data.referParticipant.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', message: 'Operator not found.' })]);
  });

  it('keeps the JUSTICE justification from the referent, and shows it to the operator', async () => {
    const pathway = await journey.refer(referent, aPerson(), { barriers: ['JUSTICE'], justiceJustification: 'Sortie de détention en janvier' });
    const query = 'query ($id: ID!) { pathway(id: $id) { situation { barriers justiceJustification } } }';
    const asReferent = await t.api.data<{ pathway: { situation: { justiceJustification: string | null } } }>(query, { id: pathway.id }, { token: referent.token });
    expect(asReferent.pathway.situation.justiceJustification).toBeNull();
    const counsellor = await accounts.user('COUNSELLOR');
    const asCounsellor = await t.api.data<{ pathway: { situation: { justiceJustification: string | null } } }>(query, { id: pathway.id }, { token: counsellor.token });
    expect(asCounsellor.pathway.situation.justiceJustification).toBe('Sortie de détention en janvier');
  });

  describe('one person, one open pathway', () => {
    it('links a differently written name to the same person, and refuses while the first pathway is open', async () => {
      const first = await journey.refer(referent, aPerson({ lastName: 'Lefèvre-Dupont', firstNames: 'Marie Hélène', birthDate: '1979-11-02' }));
      const participants = await count(Participant);
      const again = await journey.referRaw(referent, aPerson({ lastName: 'LEFEVRE DUPONT', firstNames: "marie-helene", birthDate: '1979-11-02' }));
      expect(again.pathway).toBeNull();
      expect(again.userErrors).toEqual([expect.objectContaining({ code: 'OPEN_PATHWAY_EXISTS', message: `This person already has an open pathway (${first.id}).` })]);
      // Another referent learns that a pathway is open, but not which.
      const byOther = await journey.referRaw(otherReferent, aPerson({ lastName: 'Lefevre Dupont', firstNames: 'Marie-Hélène', birthDate: '1979-11-02' }));
      expect(byOther.userErrors).toEqual([expect.objectContaining({ code: 'OPEN_PATHWAY_EXISTS', message: 'This person already has an open pathway.' })]);
      expect(await count(Participant)).toBe(participants);

      await journey.withdraw(referent, first.id);
      const second = await journey.refer(otherReferent, aPerson({ lastName: 'lefevre-dupont', firstNames: 'Marie  Hélène', birthDate: '1979-11-02' }));
      expect(second.participant.id).toBe(first.participant.id);
      expect(second.id).not.toBe(first.id);
      expect(await count(Participant)).toBe(participants);
    });

    it('refuses a France Travail identifier that belongs to another person', async () => {
      await journey.refer(referent, aPerson({ franceTravailId: 'FT1234567' }));
      const result = await journey.referRaw(referent, aPerson({ lastName: 'Autre', franceTravailId: 'ft1234567' }));
      expect(result.userErrors).toEqual([expect.objectContaining({ code: 'IDENTITY_CONFLICT', field: ['input', 'person', 'franceTravailId'] })]);
    });

    it('yields exactly one pathway from concurrent referrals of one person', async () => {
      const person = aPerson({ lastName: 'Concurrente', birthDate: '1991-01-01' });
      const results = await Promise.all(Array.from({ length: 6 }, () => journey.referRaw(referent, person)));
      expect(results.filter((result) => result.pathway)).toHaveLength(1);
      expect(results.filter((result) => result.userErrors[0]?.code === 'OPEN_PATHWAY_EXISTS')).toHaveLength(5);
      expect(await t.orm.em.fork().count(Participant, { lastName: 'Concurrente' })).toBe(1);
      expect(await t.orm.em.fork().count(Pathway, { participant: { lastName: 'Concurrente' } })).toBe(1);
    });

    it('is enforced by the database itself: a second open pathway written through the ORM is refused', async () => {
      const pathway = await journey.refer(referent, aPerson({ lastName: 'Contrainte' }));
      const em = t.orm.em.fork();
      const existing = await em.findOneOrFail(Pathway, pathway.id, { populate: ['participant', 'operator', 'referent.organisation'] });
      const duplicate = new Pathway({
        participant: existing.participant.getEntity(),
        operator: existing.operator.getEntity(),
        referent: existing.referent.getEntity() as User,
        prescriber: (existing.referent.getEntity() as User).organisation.getEntity(),
        situation: { communeCode: '42218', rsaStatus: existing.referralRsaStatus, barriers: [], justiceJustification: null },
        eligibilityReasons: [],
        at: new Date(),
        on: '2026-03-16',
      });
      await expect(em.persistAndFlush(duplicate)).rejects.toBeInstanceOf(UniqueConstraintViolationException);
      expect(await t.orm.em.fork().count(Pathway, { participant: existing.participant.id })).toBe(1);
    });
  });

  describe('who sees what', () => {
    it("hides a referent's participant and pathway from another referent, exactly as if missing", async () => {
      const pathway = await journey.refer(referent, aPerson({ lastName: 'Confidentielle' }));
      const asOther = (query: string, id: string) => t.api.request(query, { id }, { token: otherReferent.token });
      for (const [query, id, message] of [
        ['query ($id: ID!) { participant(id: $id) { participant { lastName } } }', pathway.participant.id, 'Participant not found.'],
        ['query ($id: ID!) { pathway(id: $id) { id } }', pathway.id, 'Pathway not found.'],
      ]) {
        const hidden = await asOther(query, id);
        const missing = await asOther(query, '00000000-0000-4000-8000-000000000000');
        expect(errorCodes(hidden)).toEqual(['NOT_FOUND']);
        expect(hidden.errors?.[0].message).toBe(message);
        expect(hidden.errors).toEqual(missing.errors);
      }
      const list = await t.api.data<{ pathways: { edges: { node: { participant: { lastName: string } } }[] } }>(
        '{ pathways(first: 100) { edges { node { participant { lastName } } } } }',
        undefined,
        { token: otherReferent.token },
      );
      expect(list.pathways.edges.map((edge) => edge.node.participant.lastName)).not.toContain('Confidentielle');
      const own = await t.api.data<{ participant: { participant: { lastName: string }; pathways: { id: string }[] } }>(
        'query ($id: ID!) { participant(id: $id) { participant { lastName } pathways { id } } }',
        { id: pathway.participant.id },
        { token: referent.token },
      );
      expect(own.participant).toEqual({ participant: { lastName: 'Confidentielle' }, pathways: [{ id: pathway.id }] });
    });

    it('lets no FUNDER near a pathway', async () => {
      const funder = await accounts.user('FUNDER');
      expect(errorCodes(await t.api.request('{ pathways { totalCount } }', undefined, { token: funder.token }))).toEqual(['FORBIDDEN']);
    });
  });

  it('finds communes by name or postal code, saying which are in the territory', async () => {
    const data = await t.api.data<{ communes: { inseeCode: string; name: string; inTerritory: boolean }[] }>(
      '{ a: communes(search: "saint-etienne") { inseeCode name inTerritory } }'.replace('a: ', ''),
      undefined,
      { token: referent.token },
    );
    expect(data.communes).toContainEqual({ inseeCode: '42218', name: 'Saint-Étienne', inTerritory: true });
    const roanne = await t.api.data<{ communes: { name: string; inTerritory: boolean }[] }>('{ communes(search: "42300") { name inTerritory } }', undefined, { token: referent.token });
    expect(roanne.communes).toContainEqual({ name: 'Roanne', inTerritory: false });
  });
});
