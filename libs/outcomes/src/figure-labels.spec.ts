import { figureLabel } from './figure-labels';
import { FIGURES } from './outcome-report.service';

describe('the figures in French', () => {
  it('labels every figure the report answers, each differently', () => {
    const labels = FIGURES.map((figure) => [figure.name, figureLabel(figure.name)]);
    expect(labels.filter(([, label]) => !label)).toEqual([]);
    expect(new Set(labels.map(([, label]) => label)).size).toBe(FIGURES.length);
  });

  it('names a figure of a family by its family and its own part', () => {
    expect(figureLabel('declined_UNREACHABLE')).toBe('Déclinées : injoignable');
    expect(figureLabel('exits_DURABLE_EMPLOYMENT')).toBe('Sorties : emploi durable');
    expect(figureLabel('nothing_SUCH')).toBeUndefined();
  });
});
