import { spreadsheetSafe } from './text';

describe('spreadsheetSafe', () => {
  it.each([
    '=1+1',
    '+33 6 12 34 56 78',
    '-2+3',
    '@SUM(A1:A2)',
    '\t=1',
    '\r=1',
    '\n=1',
    '|calc',
    '%0A',
    '＝1+1',
    '＋1',
    '－1',
    '＠SUM(A1)',
    '｜calc',
    '％1',
    '−1',
    ' =1+1',
    '\u3000＝1',
    "=HYPERLINK(\"http://example.test\";\"x\")",
  ])('neutralises %j', (value) => {
    expect(spreadsheetSafe(value)).toBe(`'${value}`);
  });

  it.each(['Saint-Étienne (42218)', 'CCAS de Firminy', "L'Étrat", '42', 'a=b', 'Total', ''])('leaves %j as it is', (value) => {
    expect(spreadsheetSafe(value)).toBe(value);
  });
});
