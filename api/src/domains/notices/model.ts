// The in-app inbox and the outbox from which WeChat subscribe messages will be delivered.
import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

export interface InboxAttrs { id: number; personId: number; title: string; body: string; link: string | null; eventCode: string | null; readAt: Date | null; createdAt: Date }
export interface OutboxAttrs { id: number; channel: string; personId: number | null; staffId: number | null; topic: string; payload: unknown; state: 'pending' | 'sent' | 'failed'; attempts: number; createdAt: Date; updatedAt: Date }
export type InboxModel = ModelStatic<Model<InboxAttrs, Optional<InboxAttrs, 'id' | 'createdAt' | 'readAt' | 'link' | 'eventCode'>> & InboxAttrs>;
export type OutboxModel = ModelStatic<Model<OutboxAttrs, Optional<OutboxAttrs, 'id' | 'createdAt' | 'updatedAt' | 'attempts' | 'personId' | 'staffId'>> & OutboxAttrs>;
export interface NoticeModels { InboxMessage: InboxModel; OutboxMessage: OutboxModel }

export function defineNoticeModels(sequelize: Sequelize): NoticeModels {
  const InboxMessage = sequelize.define('InboxMessage', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    personId: { type: DataTypes.INTEGER, allowNull: false },
    title: { type: DataTypes.STRING(64), allowNull: false },
    body: { type: DataTypes.STRING(500), allowNull: false },
    link: { type: DataTypes.STRING(200), allowNull: true },
    eventCode: { type: DataTypes.STRING(32), allowNull: true },
    readAt: { type: DataTypes.DATE(3), allowNull: true },
    createdAt: DataTypes.DATE(3),
  }, { underscored: true, tableName: 'inbox_messages', updatedAt: false }) as InboxModel;
  const OutboxMessage = sequelize.define('OutboxMessage', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    channel: { type: DataTypes.STRING(24), allowNull: false },
    personId: { type: DataTypes.INTEGER, allowNull: true },
    staffId: { type: DataTypes.INTEGER, allowNull: true },
    topic: { type: DataTypes.STRING(48), allowNull: false },
    payload: { type: DataTypes.JSON, allowNull: false },
    state: { type: DataTypes.STRING(16), allowNull: false },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    createdAt: DataTypes.DATE(3), updatedAt: DataTypes.DATE(3),
  }, { underscored: true, tableName: 'outbox' }) as OutboxModel;
  return { InboxMessage, OutboxMessage };
}
