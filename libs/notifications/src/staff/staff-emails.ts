import { NotificationKind } from './notification-kind';
import { REPORT_SETTING, type SettingKind } from './notification-settings';

/** What each kind says in an e-mail: no name, no detail, a mailbox is no place for them. */
const SAYS: Record<SettingKind, { one: string; many: (count: number) => string }> = {
  [REPORT_SETTING]: { one: 'un nouveau compte rendu', many: (n) => `${n} nouveaux comptes rendus` },
  [NotificationKind.NEW_REFERRAL]: { one: 'une nouvelle orientation', many: (n) => `${n} nouvelles orientations` },
  [NotificationKind.PATHWAY_ASSIGNED]: { one: 'un parcours vous a été confié', many: (n) => `${n} parcours vous ont été confiés` },
  [NotificationKind.APPOINTMENT_TOMORROW]: { one: 'un entretien de diagnostic demain', many: (n) => `${n} entretiens de diagnostic demain` },
  [NotificationKind.CHECKPOINT_TOMORROW]: { one: 'un suivi dans l’emploi à faire demain', many: (n) => `${n} suivis dans l’emploi à faire demain` },
  [NotificationKind.CONTRACT_END_TOMORROW]: { one: 'une fin de contrat demain', many: (n) => `${n} fins de contrat demain` },
  [NotificationKind.APPOINTMENT_MISSED]: { one: 'un entretien passé sans suite enregistrée', many: (n) => `${n} entretiens passés sans suite enregistrée` },
  [NotificationKind.CHECKPOINT_MISSED]: { one: 'un suivi dans l’emploi manqué', many: (n) => `${n} suivis dans l’emploi manqués` },
  [NotificationKind.CONTRACT_END_MISSED]: { one: 'un suivi de fin de contrat manqué', many: (n) => `${n} suivis de fin de contrat manqués` },
  [NotificationKind.CONTRACT_ENDING]: { one: 'un contrat qui se termine dans moins de 15 jours', many: (n) => `${n} contrats qui se terminent dans moins de 15 jours` },
  [NotificationKind.NEW_MESSAGE]: { one: 'un nouveau message sur un parcours', many: (n) => `${n} nouveaux messages sur des parcours` },
  [NotificationKind.PERSON_CANNOT_COME]: { one: 'une personne a prévenu qu’elle ne pourra pas venir à son entretien', many: (n) => `${n} personnes ont prévenu qu’elles ne pourront pas venir` },
};

const FOOTER = [
  '',
  'Ce message ne contient volontairement aucune information sur les personnes.',
  'Vous choisissez ce que vous recevez par courriel dans vos réglages : à chaque fois, dans le récapitulatif du matin, ou seulement dans Parcours.',
  '',
  '-- ',
  'Parcours, dispositif L.O.I.R.E (message automatique, merci de ne pas y répondre)',
];

/** One notice, at once: what kind of thing waits, and the link to the notifications page. */
export function noticeEmail(publicUrl: string, kind: NotificationKind): { subject: string; text: string } {
  const says = SAYS[kind].one;
  return {
    subject: `Parcours : ${says}`,
    text: ['Bonjour,', '', `Dans Parcours : ${says}.`, '', `Pour voir de quoi il s’agit, connectez-vous : ${publicUrl}/notifications`, ...FOOTER].join('\n'),
  };
}

/** The morning's digest: counts by kind, and the links. */
export function digestEmail(publicUrl: string, counts: readonly { kind: SettingKind; count: number }[]): { subject: string; text: string } {
  const lines = counts.filter((line) => line.count > 0).map(({ kind, count }) => `- ${count === 1 ? SAYS[kind].one : SAYS[kind].many(count)}`);
  const reports = counts.some((line) => line.kind === REPORT_SETTING && line.count > 0);
  return {
    subject: 'Parcours : ce qui vous attend ce matin',
    text: [
      'Bonjour,',
      '',
      'Depuis le dernier récapitulatif, dans Parcours :',
      ...lines,
      '',
      `Vos notifications : ${publicUrl}/notifications`,
      ...(reports ? [`Vos comptes rendus : ${publicUrl}/reports`] : []),
      ...FOOTER,
    ].join('\n'),
  };
}
