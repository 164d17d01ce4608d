export { createOpen311Service, type Open311Service } from './service';
export { defineOpen311Model } from './model';
export { open311Router, open311KeyRoutes } from './routes';
