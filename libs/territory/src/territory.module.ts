import { Global, Module } from '@nestjs/common';
import { Territory } from './territory';

@Global()
@Module({ providers: [Territory], exports: [Territory] })
export class TerritoryModule {}
