import { Module } from '@nestjs/common';
import { AccountsModule } from '@parcours/accounts';
import { OutcomesModule } from '@parcours/outcomes';
import { TerritoryModule } from '@parcours/territory';
import { OutcomesExportController } from './outcomes-export.controller';
import { OutcomesResolver } from './outcomes.resolver';

@Module({ imports: [OutcomesModule, AccountsModule, TerritoryModule], providers: [OutcomesResolver], controllers: [OutcomesExportController] })
export class OutcomesApiModule {}
