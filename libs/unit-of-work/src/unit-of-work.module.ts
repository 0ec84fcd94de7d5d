import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { FlushPipeline } from './flush-pipeline';
import { UnitOfWork } from './unit-of-work';

@Global()
@Module({ imports: [DiscoveryModule], providers: [UnitOfWork, FlushPipeline], exports: [UnitOfWork, FlushPipeline] })
export class UnitOfWorkModule {}
