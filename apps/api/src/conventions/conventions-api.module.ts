import { Module } from '@nestjs/common';
import { ConventionsModule } from '@parcours/conventions';
import { ConventionsResolver } from './conventions.resolver';

@Module({ imports: [ConventionsModule], providers: [ConventionsResolver] })
export class ConventionsApiModule {}
