// The notices domain's public face: other domains import from here only.
export { createNoticeService, templateIds, standInTemplates, type NoticeService, type Notice, type TemplateIds } from './service';
export { defineNoticeModels, type NoticeModels } from './model';
export { noticeRoutes } from './routes';
export { createFactService, type FactService } from './facts';
export { createRuleService, type RuleService } from './rules';
export { createDeliverer, type Deliverer } from './deliverer';
export { createDeliveryLog, type DeliveryLog } from './delivery-log';
