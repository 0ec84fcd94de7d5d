import { Module } from '@nestjs/common';
import { PathwaysModule } from '@parcours/pathways';
import { FollowUpsResolver } from './follow-ups.resolver';

@Module({ imports: [PathwaysModule], providers: [FollowUpsResolver] })
export class FollowUpsApiModule {}
