import { Module } from '@nestjs/common';
import { ConventionsPersonalData } from './conventions-personal-data';
import { ConventionsService } from './conventions.service';

@Module({ providers: [ConventionsPersonalData, ConventionsService], exports: [ConventionsService] })
export class ConventionsModule {}
