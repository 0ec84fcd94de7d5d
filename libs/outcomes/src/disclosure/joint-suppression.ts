import { solve, type Constraint, type Model } from 'yalps';

/** Fewer distinct people than this in a cell, and a funder does not see it; nor can it narrow it to fewer values than this. */
export const MIN_PEOPLE = 5;

/** One count at one coordinate of a publication. */
export interface DisclosureCell {
  id: string;
  /** What it counts (rows: pathways, appointments…). */
  count: number;
  /** The distinct people among them. */
  people: number;
  /** Shown unless suppressed; a cell never shown (a hidden rest) is unknown to the reader from the start. */
  published: boolean;
}

/** A relation the reader knows: the total's count is the sum of its members'. */
export interface Relation {
  total: string;
  members: string[];
}

/** How far a reader who knows the shown counts and the relations can narrow an unknown one: its integer bounds. */
export interface Interval {
  min: number;
  max: number;
}

const EPSILON = 1e-6;

/**
 * The integer bounds of each `targets` cell given every known count and relation (counts are not
 * negative), by linear programming: what an adversary computes. Cells are solved by connected
 * component (the unknown cells relations link), which keeps each program small.
 */
export function intervals(cells: ReadonlyMap<string, DisclosureCell>, relations: readonly Relation[], unknown: ReadonlySet<string>, targets: Iterable<string>): Map<string, Interval> {
  const solver = new IntervalSolver(cells, relations, unknown);
  return new Map([...targets].map((id) => [id, solver.interval(id)]));
}

class IntervalSolver {
  /** Each cell's class: cells a relation of one member says are equal (a month of the convention and that month) are one quantity. */
  private readonly classOf = new Map<string, string>();
  /** A class's count, when one of its cells is shown. */
  private readonly known = new Map<string, number>();
  private readonly relations: { total: string; members: string[] }[] = [];
  private readonly touching = new Map<string, number[]>();
  private readonly memo = new Map<string, Interval>();

  constructor(cells: ReadonlyMap<string, DisclosureCell>, relations: readonly Relation[], unknown: ReadonlySet<string>) {
    const parent = new Map<string, string>();
    const find = (id: string): string => {
      let root = id;
      while (parent.has(root)) root = parent.get(root)!;
      return root;
    };
    for (const relation of relations) {
      if (relation.members.length !== 1) continue;
      const [a, b] = [find(relation.total), find(relation.members[0])];
      if (a !== b) parent.set(a, b);
    }
    const ids = new Set([...cells.keys(), ...relations.flatMap((relation) => [relation.total, ...relation.members])]);
    for (const id of ids) {
      const root = find(id);
      this.classOf.set(id, root);
      // A cell no answer holds (a coordinate without rows) counts zero, and is known.
      if (!unknown.has(id)) this.known.set(root, cells.get(id)?.count ?? 0);
    }
    for (const relation of relations) {
      if (relation.members.length === 1) continue;
      const index = this.relations.push({ total: this.classOf.get(relation.total)!, members: relation.members.map((member) => this.classOf.get(member)!) }) - 1;
      for (const id of new Set([this.relations[index].total, ...this.relations[index].members])) {
        if (!this.known.has(id)) this.touching.set(id, [...(this.touching.get(id) ?? []), index]);
      }
    }
  }

  /** The unknown classes linked to `id` through relations, and those relations. */
  private component(id: string): { variables: Set<string>; relations: Set<number> } {
    const variables = new Set([id]);
    const used = new Set<number>();
    const queue = [id];
    while (queue.length > 0) {
      for (const index of this.touching.get(queue.pop()!) ?? []) {
        if (used.has(index)) continue;
        used.add(index);
        const relation = this.relations[index];
        for (const other of [relation.total, ...relation.members]) {
          if (!this.known.has(other) && !variables.has(other)) {
            variables.add(other);
            queue.push(other);
          }
        }
      }
    }
    return { variables, relations: used };
  }

  private bound(id: string, direction: 'maximize' | 'minimize'): number | null {
    const { variables, relations } = this.component(id);
    const constraints = new Map<string, Constraint>();
    const coefficients = new Map<string, Map<string, number>>([...variables].map((variable) => [variable, new Map()]));
    for (const index of relations) {
      const relation = this.relations[index];
      let known = 0;
      const terms: [string, number][] = [[relation.total, 1], ...relation.members.map((member): [string, number] => [member, -1])];
      for (const [cell, sign] of terms) {
        const own = coefficients.get(cell);
        if (own) own.set(`r${index}`, (own.get(`r${index}`) ?? 0) + sign);
        else known += sign * (this.known.get(cell) ?? 0);
      }
      constraints.set(`r${index}`, { equal: -known });
    }
    coefficients.get(id)!.set('objective', 1);
    const model: Model = { direction, objective: 'objective', constraints, variables: [...coefficients].map(([variable, terms]) => [variable, [...terms]] as const) };
    const solution = solve(model);
    if (solution.status === 'unbounded') return direction === 'maximize' ? Infinity : 0;
    if (solution.status !== 'optimal') return null;
    return solution.result;
  }

  interval(id: string): Interval {
    const root = this.classOf.get(id) ?? id;
    const value = this.known.get(root);
    if (value !== undefined) return { min: value, max: value };
    let found = this.memo.get(root);
    if (!found) {
      const max = this.bound(root, 'maximize');
      const min = this.bound(root, 'minimize');
      found = {
        min: min === null ? 0 : Math.max(0, Math.ceil(min - EPSILON)),
        max: max === null || max === Infinity ? Infinity : Math.floor(max + EPSILON),
      };
      this.memo.set(root, found);
    }
    return found;
  }

  /** Whether the cell can be narrowed to fewer than `width` + 1 values: first by its maximum alone (the minimum is at least 0). */
  narrowerThan(id: string, width: number): boolean {
    const root = this.classOf.get(id) ?? id;
    if (this.known.has(root)) return true;
    const max = this.bound(root, 'maximize');
    if (max === null || max === Infinity) return false;
    const top = Math.floor(max + EPSILON);
    if (top < width) return true;
    const min = this.bound(root, 'minimize') ?? 0;
    return top - Math.max(0, Math.ceil(min - EPSILON)) < width;
  }
}

/**
 * The cells a reader may not see, decided jointly over every table and relation it can obtain
 * (DOMAIN.md: no combination of answers narrows a suppressed cell to fewer than MIN_PEOPLE
 * values):
 *  1. primary: every published cell of 1 to MIN_PEOPLE − 1 people; every cell never published is
 *     unknown, and one of 1 to MIN_PEOPLE − 1 people must be protected like a suppressed one;
 *  2. lines: a relation with exactly one unknown cell to protect gives it away; its smallest
 *     non-zero shown cell is suppressed too;
 *  3. audit: each cell to protect is bounded by linear programming, as an adversary would; one
 *     whose integer bounds are less than MIN_PEOPLE apart makes the smallest shown cell of its
 *     relations suppressed, and the audit goes on. Suppressing more only widens intervals, so a
 *     cell found wide enough stays so.
 * Answers the ids of every cell the reader does not see (the hidden ones included).
 */
export function suppressJointly(list: readonly DisclosureCell[], relations: readonly Relation[], minPeople = MIN_PEOPLE): Set<string> {
  const cells = new Map(list.map((cell) => [cell.id, cell]));
  const small = (cell: DisclosureCell) => cell.people > 0 && cell.people < minPeople;
  const unknown = new Set(list.filter((cell) => !cell.published || small(cell)).map((cell) => cell.id));
  const protect = (id: string) => {
    const cell = cells.get(id)!;
    return unknown.has(id) && (cell.published || small(cell));
  };
  const relationsOf = new Map<string, Relation[]>();
  for (const relation of relations) for (const id of [relation.total, ...relation.members]) relationsOf.set(id, [...(relationsOf.get(id) ?? []), relation]);
  /** The smallest shown cell among these relations, non-zero first. */
  const cheapest = (among: readonly Relation[]): string | null => {
    const shown = [...new Set(among.flatMap((relation) => [relation.total, ...relation.members]))]
      .filter((id) => !unknown.has(id) && cells.has(id))
      .map((id) => cells.get(id)!);
    shown.sort((a, b) => Number(a.count === 0) - Number(b.count === 0) || a.count - b.count || a.id.localeCompare(b.id));
    return shown[0]?.id ?? null;
  };

  const verified = new Set<string>();
  for (;;) {
    let changed = false;
    for (const relation of relations) {
      const open = [relation.total, ...relation.members].filter((id) => unknown.has(id));
      if (open.length !== 1 || !protect(open[0])) continue;
      const next = cheapest([relation]);
      if (next) {
        unknown.add(next);
        changed = true;
      }
    }
    if (changed) continue;
    const solver = new IntervalSolver(cells, relations, unknown);
    const narrow = [...unknown].find((id) => protect(id) && !verified.has(id) && (solver.narrowerThan(id, minPeople) || (verified.add(id), false)));
    if (!narrow) return unknown;
    const next = cheapest(relationsOf.get(narrow) ?? []) ?? cheapest([...unknown].flatMap((id) => relationsOf.get(id) ?? []));
    if (!next) return unknown;
    unknown.add(next);
  }
}
