export { createAuthService, type AuthService, type SessionGrant } from './service';
export { defineAuthModels, type AuthModels } from './model';
export { authRoutes } from './routes';
