// The moderation domain's public face: other domains import from here only.
export { defineModerationModels, type ModerationModels } from './model';
export { createModerationService, type ModerationService, type TextVerdict } from './service';
export { moderationRoutes, wechatPushRouter } from './routes';
export { pushSignature } from './push-signature';
