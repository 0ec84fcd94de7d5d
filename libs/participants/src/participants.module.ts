import { Module } from '@nestjs/common';
import { ParticipantsPersonalData } from './participants-personal-data';

@Module({ providers: [ParticipantsPersonalData] })
export class ParticipantsModule {}
