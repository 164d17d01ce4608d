// The social-security fee domain's public face: other domains import from here only.
export { defineFeeModels, type FeeModels } from './model';
export { createFeeService, type FeeService, INSURANCE_TYPES } from './service';
export { feeRoutes } from './routes';
export { createReconciliationService, type ReconciliationService } from './reconciliation';
export { ledgerImporters, parseLedgerLine } from './ledger-import';
export { monthStatus, graceEnds } from './fee-status';
export { createPayerYears, type PayerYears } from './payer-years';
