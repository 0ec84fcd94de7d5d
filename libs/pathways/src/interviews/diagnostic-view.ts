import type { Actor } from '@parcours/accounts';
import { BarrierTheme } from '@parcours/participants';
import { seesSensitiveDetails } from '../pathway-scope';
import type { BarrierAssessment, Diagnostic } from './diagnostic.entity';

/** A diagnostic as a viewer may see it: notes and the JUSTICE line only for the operator's staff and ADMIN. */
export interface DiagnosticView extends Omit<Diagnostic, 'assessments' | 'notes' | 'pathway' | 'appointment' | 'recordedBy' | 'correct' | 'forgetPersonalDetails'> {
  assessments: (BarrierAssessment & { note: string | null })[];
}

export function diagnosticSeenBy(diagnostic: Diagnostic, viewer: Actor | undefined): DiagnosticView {
  const staff = seesSensitiveDetails(viewer);
  const { assessments, notes, ...rest } = diagnostic;
  return {
    ...(rest as Omit<DiagnosticView, 'assessments'>),
    assessments: assessments
      .filter((assessment) => staff || assessment.theme !== BarrierTheme.JUSTICE)
      .map((assessment) => ({ ...assessment, note: staff ? (notes?.[assessment.theme] ?? null) : null })),
  };
}
