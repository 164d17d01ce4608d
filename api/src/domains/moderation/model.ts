// The moderation queue: texts and photos that WeChat's content security sent to review (or could not check),
// each waiting for a moderator's decision, and photos waiting for WeChat's pushed verdict (by trace id).
import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

export type ItemStatus = 'pending' | 'approved' | 'hidden';
export type ItemSource = 'wechat_review' | 'wechat_unavailable' | 'wechat_risky' | 'wechat_pending';
export interface ModerationItemAttrs {
  id: number; kind: 'text' | 'photo'; eventId: number; photoId: number | null; field: string; status: ItemStatus; source: ItemSource; label: string | null;
  traceId: string | null; reason: string | null; decidedBy: number | null; decidedAt: Date | null; createdAt: Date; updatedAt: Date;
}
export type ModerationItemModel = ModelStatic<Model<ModerationItemAttrs, Optional<ModerationItemAttrs, 'id' | 'photoId' | 'label' | 'traceId' | 'reason' | 'decidedBy' | 'decidedAt' | 'createdAt' | 'updatedAt'>> & ModerationItemAttrs>;
export interface ModerationModels { ModerationItem: ModerationItemModel }

export function defineModerationModels(sequelize: Sequelize): ModerationModels {
  const ModerationItem = sequelize.define('ModerationItem', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }, kind: { type: DataTypes.STRING(8), allowNull: false },
    eventId: { type: DataTypes.INTEGER, allowNull: false }, photoId: { type: DataTypes.INTEGER, allowNull: true }, field: { type: DataTypes.STRING(24), allowNull: false },
    status: { type: DataTypes.STRING(12), allowNull: false }, source: { type: DataTypes.STRING(24), allowNull: false }, label: { type: DataTypes.STRING(32), allowNull: true },
    traceId: { type: DataTypes.STRING(64), allowNull: true, unique: true }, reason: { type: DataTypes.STRING(200), allowNull: true },
    decidedBy: { type: DataTypes.INTEGER, allowNull: true }, decidedAt: { type: DataTypes.DATE(3), allowNull: true },
    createdAt: { type: DataTypes.DATE(3), allowNull: false }, updatedAt: { type: DataTypes.DATE(3), allowNull: false },
  }, { underscored: true, tableName: 'moderation_items' }) as ModerationItemModel;
  return { ModerationItem };
}
