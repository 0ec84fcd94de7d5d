export * from './identity-key';
export * from './participant-enums';
export * from './participant.entity';
export * from './phone';
export * from './participants-personal-data';
export * from './participants.module';
export * from './entities';
