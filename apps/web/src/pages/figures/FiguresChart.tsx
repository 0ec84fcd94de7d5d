import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';
import type { OutcomeReportQuery } from '../../graphql/generated';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

type Figures = OutcomeReportQuery['outcomeReport']['rows'][number]['figures'];

/** The chart's series: counts of people (rates stay in the table). Colours with at least 3:1 contrast on white. */
const SERIES: { key: 'referrals' | 'placements' | 'exits'; label: string; colour: string }[] = [
  { key: 'referrals', label: 'Orientations', colour: '#1f4e9c' },
  { key: 'placements', label: 'Mises en situation', colour: '#b35900' },
  { key: 'exits', label: 'Sorties', colour: '#2a7a3b' },
];

/**
 * The table's counts as bars (Chart.js, on a canvas): the canvas is an image with its name, and the
 * table just below holds the same figures for whoever cannot see it. A suppressed cell is no bar.
 */
export function FiguresChart({ rows, title }: { rows: { label: string; figures: Figures }[]; title: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: rows.map((row) => row.label),
        datasets: SERIES.map((series) => ({
          label: series.label,
          backgroundColor: series.colour,
          data: rows.map((row) => (row.figures[series.key].suppressed ? null : (row.figures[series.key].value ?? 0))),
        })),
      },
      options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
    return () => chart.destroy();
  }, [rows]);
  return (
    <figure className="chart">
      <div className="chart-box">
        <canvas ref={canvas} role="img" aria-label={`Graphique en barres : orientations, mises en situation et sorties, ${title}. Les mêmes chiffres sont dans le tableau ci-dessous.`} />
      </div>
      <figcaption>Orientations, mises en situation et sorties ({title}) ; le tableau ci-dessous donne les mêmes chiffres.</figcaption>
    </figure>
  );
}
