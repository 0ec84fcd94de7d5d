import { Module } from '@nestjs/common';
import { PathwaysModule } from '@parcours/pathways';
import { PlacementsResolver } from './placements.resolver';

@Module({ imports: [PathwaysModule], providers: [PlacementsResolver] })
export class PlacementsApiModule {}
