import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { DataSubjectFinder, EntityPolicy, HeldBriefly, PersonalDataPolicy } from './personal-data-policy';

/** Marks a provider as a module's personal-data policy. */
export const PersonalData = DiscoveryService.createDecorator<void>();

/** Every module's personal-data policy, found at start among the providers marked `@PersonalData()`. */
@Injectable()
export class PersonalDataPolicies implements OnModuleInit {
  private policies: PersonalDataPolicy[] = [];
  private byEntity = new Map<string, EntityPolicy<never>>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    this.policies = this.discovery.getProviders({ metadataKey: PersonalData.KEY }).map((wrapper) => wrapper.instance as PersonalDataPolicy);
    this.byEntity = new Map(this.policies.flatMap((policy) => policy.entities.map((entity) => [entity.entity.name, entity] as const)));
  }

  all(): readonly PersonalDataPolicy[] {
    return this.policies;
  }

  /** The policy of an entity about participants, by class name. */
  entity(className: string): EntityPolicy<never> | undefined {
    return this.byEntity.get(className);
  }

  /** Every entity about no participant, with its properties. */
  notAboutParticipants(): Record<string, readonly string[]> {
    return Object.assign({}, ...this.policies.map((policy) => policy.notAboutParticipants ?? {}));
  }

  /** Every entity holding several people's data for a short while (an import's lines). */
  heldBriefly(): Record<string, HeldBriefly> {
    return Object.assign({}, ...this.policies.map((policy) => policy.heldBriefly ?? {}));
  }

  subjects(): DataSubjectFinder {
    const finders = this.policies.flatMap((policy) => (policy.subjects ? [policy.subjects] : []));
    if (finders.length !== 1) throw new Error(`Exactly one module finds data subjects; found ${finders.length}.`);
    return finders[0];
  }
}
