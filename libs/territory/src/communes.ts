import { readFileSync } from 'node:fs';
import { searchText } from '@parcours/core';

/** A commune as it exists today (INSEE's "commune actuelle"). */
export interface Commune {
  inseeCode: string;
  name: string;
  postalCodes: string[];
  departmentCode: string;
  /** INSEE's legal population (0 when the official list gives none). */
  population: number;
}

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  codesPostaux?: string[];
  population?: number;
}

interface RawEpci {
  code: string;
  nom: string;
  membres: { code: string }[];
}

/**
 * The official list of communes and EPCIs, from @etalab/decoupage-administratif. The JSON files are
 * read directly (the package's index.js resolves them from the working directory and fails
 * elsewhere), once per process, keeping only what Parcours uses.
 */
export class CommuneRegistry {
  private static loaded?: CommuneRegistry;
  private readonly byCode = new Map<string, Commune & { key: string }>();
  private readonly epciMembers = new Map<string, string[]>();
  private byKey?: Map<string, string[]>;

  static load(): CommuneRegistry {
    return (CommuneRegistry.loaded ??= new CommuneRegistry(
      readJson<RawCommune[]>('@etalab/decoupage-administratif/data/communes.json'),
      readJson<RawEpci[]>('@etalab/decoupage-administratif/data/epci.json'),
    ));
  }

  constructor(communes: RawCommune[], epcis: RawEpci[]) {
    for (const raw of communes) {
      if (raw.type !== 'commune-actuelle') continue;
      this.byCode.set(raw.code, {
        inseeCode: raw.code,
        name: raw.nom,
        postalCodes: raw.codesPostaux ?? [],
        departmentCode: raw.departement ?? '',
        population: raw.population ?? 0,
        key: searchText(raw.nom),
      });
    }
    for (const epci of epcis) this.epciMembers.set(epci.code, epci.membres.map((member) => member.code));
  }

  get(inseeCode: string): Commune | undefined {
    const found = this.byCode.get(inseeCode);
    return found && { inseeCode: found.inseeCode, name: found.name, postalCodes: found.postalCodes, departmentCode: found.departmentCode, population: found.population };
  }

  /**
   * The communes of that exact name (without regard to accents, case, hyphens or apostrophes),
   * those with that postal code when one is given; or, with a postal code alone, its communes.
   */
  named(name: string | null, postalCode: string | null): Commune[] {
    if (!this.byKey) {
      this.byKey = new Map();
      for (const commune of this.byCode.values()) this.byKey.set(commune.key, [...(this.byKey.get(commune.key) ?? []), commune.inseeCode]);
    }
    const key = name ? searchText(name) : '';
    const candidates = key ? (this.byKey.get(key) ?? []).map((code) => this.byCode.get(code)!) : postalCode ? [...this.byCode.values()] : [];
    return candidates.filter((commune) => !postalCode || commune.postalCodes.includes(postalCode)).map((commune) => this.get(commune.inseeCode)!);
  }

  epci(siren: string): string[] | undefined {
    return this.epciMembers.get(siren);
  }

  /** By postal code (5 digits), or by name prefix without regard to accents, case, hyphens or "Saint"/"St". */
  search(text: string, limit: number): Commune[] {
    const query = text.trim();
    const matches: Commune[] = [];
    if (/^\d{5}$/.test(query)) {
      for (const commune of this.byCode.values()) if (commune.postalCodes.includes(query)) matches.push(commune);
    } else {
      const key = searchText(query);
      if (key.length === 0) return [];
      for (const commune of this.byCode.values()) if (commune.key.startsWith(key)) matches.push(commune);
    }
    return matches
      .sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.inseeCode.localeCompare(b.inseeCode))
      .slice(0, limit)
      .map((commune) => this.get(commune.inseeCode) as Commune);
  }
}

function readJson<T>(module: string): T {
  return JSON.parse(readFileSync(require.resolve(module), 'utf8')) as T;
}
