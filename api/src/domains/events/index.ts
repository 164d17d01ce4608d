export { createEventService, type EventService } from './service';
export { createCategoryService, SYSTEM_CATEGORIES, type CategoryService } from './categories';
export { createEventViews } from './views';
export { defineEventModels, type EventModels, type EventAttrs, type EvidenceAttrs } from './model';
export { eventRoutes } from './routes';
export { EVENT_STATUSES, OPEN_STATUSES, type EventStatus } from './lifecycle';
export { hashRecord, payloadDigest, stateDigest, type EvidenceRecord } from './evidence';
