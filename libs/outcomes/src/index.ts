export * from './caseload.service';
export * from './outcome-dimensions';
export * from './outcome-figures';
export * from './outcome-report.service';
export * from './outcomes-error';
export * from './outcomes.module';
export * from './suppression';
