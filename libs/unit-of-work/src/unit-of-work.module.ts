import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { FlushPipeline } from './flush-pipeline';
import { Sweeps } from './sweeps';
import { UnitOfWork } from './unit-of-work';

@Global()
@Module({ imports: [DiscoveryModule], providers: [UnitOfWork, FlushPipeline, Sweeps], exports: [UnitOfWork, FlushPipeline, Sweeps] })
export class UnitOfWorkModule {}
