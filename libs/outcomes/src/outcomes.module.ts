import { Module } from '@nestjs/common';
import { CaseloadService } from './caseload.service';
import { OutcomeComposer } from './model/outcome-composer';
import { OutcomeModel } from './model/outcome-model.service';
import { OutcomeReportService } from './outcome-report.service';
import { OutcomesPersonalData } from './outcomes-personal-data';

@Module({ providers: [OutcomeReportService, CaseloadService, OutcomeComposer, OutcomeModel, OutcomesPersonalData], exports: [OutcomeReportService, CaseloadService, OutcomeModel] })
export class OutcomesModule {}
