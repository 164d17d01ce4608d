// The privacy domain's public face: other domains import from here only.
export { definePrivacyModels, type PrivacyModels } from './model';
export { createPrivacyService, type PrivacyService } from './service';
export { privacyRoutes } from './routes';
export { GUIDE_VERSION, PRIVACY_GUIDE, guideMarkdown, withGuide } from './guide';
