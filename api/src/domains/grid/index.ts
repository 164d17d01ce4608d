// The grid domain's public face: other domains import from here only.
export { createGridService, type GridService, type StaffSummary } from './service';
export { defineGridModels, type GridModels } from './model';
export { gridRoutes } from './routes';
export { GridLocator, type GridPlace } from './locator';
export { GridIndex, locateByScan } from './grid-index';
export { hashPassword } from './staff-credentials';
export * from './vocabulary';
export * from './geo';
