import { OutcomeCell, OutcomeModelVersion } from './model/outcome-cell.entity';

/** The entities of libs/outcomes: its read model. */
export const OUTCOMES_ENTITIES = [OutcomeCell, OutcomeModelVersion] as const;
