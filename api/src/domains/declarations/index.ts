// The self-declaration domain's public face: other domains import from here only.
export { defineDeclarationModels, type DeclarationModels } from './model';
export { createHouseService, type HouseService } from './houses';
export { createDeclarationService, type DeclarationService } from './service';
export { createImportService, type ImportService, type Importer } from './imports';
export type { LineError, Parsed } from './import-rules';
export { createCollisionService, type CollisionService, type EnforcementEvents } from './collision';
export { createPiiCipher, type PiiCipher } from './pii';
export { declarationRoutes, houseLinkRoutes } from './routes';
export { ID_NUMBER_PROBLEMS, birthDateOf, idNumberProblem, maskIdNumber, maskName, maskPhone, normaliseIdNumber, sexOf } from './id-number';
export { sameName } from './risk';
