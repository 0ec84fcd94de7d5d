import { intervals, suppressJointly, type DisclosureCell, type Relation } from './joint-suppression';

const cell = (id: string, count: number, published = true): DisclosureCell => ({ id, count, people: count, published });
const map = (cells: DisclosureCell[]) => new Map(cells.map((each) => [each.id, each]));

describe('suppressJointly', () => {
  it('hides a cell of 1 to 4 people and, when a line would give it away, the smallest other cell of it', () => {
    const cells = [cell('total', 13), cell('a', 2), cell('b', 11)];
    expect(suppressJointly(cells, [{ total: 'total', members: ['a', 'b'] }])).toEqual(new Set(['a', 'b']));
    expect(suppressJointly([cell('total', 15), cell('a', 5), cell('b', 10)], [{ total: 'total', members: ['a', 'b'] }])).toEqual(new Set());
  });

  it('protects a hidden rest as a shown cell: diagnostics 10 and ready 8 would say 2 people are not ready', () => {
    const cells = [cell('diagnostics', 10), cell('ready', 8), cell('notReady', 2, false)];
    const unknown = suppressJointly(cells, [{ total: 'diagnostics', members: ['ready', 'notReady'] }]);
    expect(unknown).toEqual(new Set(['notReady', 'ready']));
  });

  it('leaves a large hidden rest alone: it protects the small cells beside it', () => {
    const cells = [cell('appointments', 12), cell('noShows', 2), cell('held', 10, false)];
    expect(suppressJointly(cells, [{ total: 'appointments', members: ['noShows', 'held'] }])).toEqual(new Set(['noShows', 'held']));
  });

  it('finds by linear programming what the lines alone miss: two small cells in a row whose total the other margins give', () => {
    // a b | 2      Lines alone hide a, b (small), then c, d (each the other cell of a column):
    // c d | 18     a + b = 20 − (c + d) = 2 still holds, so a is within [0, 2].
    // 10 10 | 20
    const cells = [cell('a', 1), cell('b', 1), cell('c', 9), cell('d', 9), cell('row1', 2), cell('row2', 18), cell('col1', 10), cell('col2', 10), cell('all', 20)];
    const relations: Relation[] = [
      { total: 'row1', members: ['a', 'b'] },
      { total: 'row2', members: ['c', 'd'] },
      { total: 'col1', members: ['a', 'c'] },
      { total: 'col2', members: ['b', 'd'] },
      { total: 'all', members: ['row1', 'row2'] },
      { total: 'all', members: ['col1', 'col2'] },
    ];
    const lineRuleOnly = new Set(['a', 'b', 'c', 'd']);
    expect(intervals(map(cells), relations, lineRuleOnly, ['a']).get('a')).toEqual({ min: 0, max: 2 });
    const unknown = suppressJointly(cells, relations);
    for (const id of unknown) {
      const { min, max } = intervals(map(cells), relations, unknown, [id]).get(id)!;
      expect({ id, wide: max - min >= 5 }).toEqual({ id, wide: true });
    }
  });
});

describe('intervals', () => {
  it('bounds an unknown cell by the known ones, never below zero, and says when nothing bounds it', () => {
    const cells = map([cell('total', 13), cell('a', 2), cell('b', 6), cell('c', 5)]);
    const relations = [{ total: 'total', members: ['a', 'b', 'c'] }];
    expect(intervals(cells, relations, new Set(['a', 'c']), ['a']).get('a')).toEqual({ min: 0, max: 7 });
    expect(intervals(cells, relations, new Set(['a', 'c', 'total']), ['a']).get('a')).toEqual({ min: 0, max: Infinity });
  });
});
