export * from './referent-report.entity';
export * from './report-bus';
export * from './report-composer';
export * from './reports.module';
export * from './reports.service';
export * from './working-days';
