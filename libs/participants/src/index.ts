export * from './identity-key';
export * from './participant-enums';
export * from './participant.entity';
