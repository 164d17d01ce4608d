export { createNoticeService, type NoticeService, type Notice } from './service';
export { defineNoticeModels, type NoticeModels } from './model';
export { noticeRoutes } from './routes';
