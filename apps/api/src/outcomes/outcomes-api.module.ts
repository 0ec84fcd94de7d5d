import { Module } from '@nestjs/common';
import { OutcomesModule } from '@parcours/outcomes';
import { OutcomesResolver } from './outcomes.resolver';

@Module({ imports: [OutcomesModule], providers: [OutcomesResolver] })
export class OutcomesApiModule {}
