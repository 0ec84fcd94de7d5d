import { Injectable } from '@nestjs/common';
import { AppConfig, ConfigError } from '@parcours/config';
import { CommuneRegistry, type Commune } from './communes';

/** The programme territory (TERRITORY: EPCIs and communes) over the official list of communes. */
@Injectable()
export class Territory {
  private readonly registry = CommuneRegistry.load();
  private readonly communes: ReadonlySet<string>;

  constructor(config: AppConfig) {
    const members = new Set<string>();
    const unknown: string[] = [];
    for (const code of config.journey.territory) {
      const epci = code.length === 9 ? this.registry.epci(code) : undefined;
      if (epci) epci.forEach((member) => members.add(member));
      else if (code.length !== 9 && this.registry.get(code)) members.add(code);
      else unknown.push(code);
    }
    if (unknown.length > 0) throw new ConfigError([`TERRITORY: unknown EPCI or commune code(s): ${unknown.join(', ')}`]);
    this.communes = members;
  }

  includes(inseeCode: string): boolean {
    return this.communes.has(inseeCode);
  }

  get size(): number {
    return this.communes.size;
  }

  /** The territory's communes, by INSEE code. */
  members(): Commune[] {
    return [...this.communes].sort().flatMap((code) => this.registry.get(code) ?? []);
  }

  commune(inseeCode: string): Commune | undefined {
    return this.registry.get(inseeCode);
  }

  /**
   * The one commune a list names (by INSEE code, or by name and postal code, or by either alone),
   * preferring the programme's own when a name is shared; null when none or several fit.
   */
  find(named: { inseeCode?: string | null; name?: string | null; postalCode?: string | null }): Commune | null {
    if (named.inseeCode) return this.commune(named.inseeCode) ?? null;
    if (!named.name && !named.postalCode) return null;
    const found = this.registry.named(named.name ?? null, named.postalCode ?? null);
    const ours = found.filter((commune) => this.includes(commune.inseeCode));
    if (ours.length === 1) return ours[0];
    return found.length === 1 ? found[0] : null;
  }

  search(text: string, limit = 20): (Commune & { inTerritory: boolean })[] {
    return this.registry.search(text, limit).map((commune) => ({ ...commune, inTerritory: this.includes(commune.inseeCode) }));
  }
}
