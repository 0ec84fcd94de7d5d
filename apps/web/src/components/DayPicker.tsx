import { CalendarDate, parseDate } from '@internationalized/date';
import { Button, Calendar, CalendarCell, CalendarGrid, CalendarGridBody, CalendarGridHeader, CalendarHeaderCell, Heading, I18nProvider } from 'react-aria-components';

/**
 * A month to pick a day from (React Aria's calendar, in French: arrows move by day and week,
 * Page Up/Down by month, Enter picks; a screen reader hears each day in full). Loaded with the
 * first calendar opened, not with the console.
 */
export default function DayPicker({ label, value, onPick }: { label: string; value: string | null; onPick: (isoDay: string) => void }) {
  let current: CalendarDate | undefined;
  try {
    current = value ? parseDate(value) : undefined;
  } catch {
    current = undefined;
  }
  return (
    <I18nProvider locale="fr-FR">
      <Calendar aria-label={label} className="calendar" autoFocus value={current ?? null} defaultFocusedValue={current} onChange={(picked) => onPick(picked.toString())}>
        <header>
          <Button slot="previous" aria-label="Mois précédent">
            ◀
          </Button>
          <Heading />
          <Button slot="next" aria-label="Mois suivant">
            ▶
          </Button>
        </header>
        <CalendarGrid>
          <CalendarGridHeader>{(day) => <CalendarHeaderCell>{day}</CalendarHeaderCell>}</CalendarGridHeader>
          <CalendarGridBody>{(date) => <CalendarCell date={date} />}</CalendarGridBody>
        </CalendarGrid>
      </Calendar>
    </I18nProvider>
  );
}
