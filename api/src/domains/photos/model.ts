// Photos of any owner (an event now; complaints and verification visits later), with their digests.
import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

// Stored in owner_kind (16 characters): keep the names short.
export type PhotoOwnerKind = 'event' | 'task';
export type PhotoKind = 'report' | 'resolution';
export interface PhotoAttrs {
  id: number; ownerKind: PhotoOwnerKind; ownerId: number; kind: PhotoKind; displayKey: string; thumbKey: string;
  originalSha256: string; displaySha256: string; thumbSha256: string; dhash: string; width: number; height: number; bytes: number; createdAt: Date;
  /** What people other than the author and staff may see: 'pass' once WeChat's media check (or a moderator) passed it. */
  visibility: 'pass' | 'pending' | 'hidden';
}
export type PhotoModel = ModelStatic<Model<PhotoAttrs, Optional<PhotoAttrs, 'id' | 'createdAt' | 'visibility'>> & PhotoAttrs>;

export function definePhotoModel(sequelize: Sequelize): PhotoModel {
  return sequelize.define('Photo', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    ownerKind: { type: DataTypes.STRING(16), allowNull: false },
    ownerId: { type: DataTypes.INTEGER, allowNull: false },
    kind: { type: DataTypes.STRING(16), allowNull: false },
    displayKey: { type: DataTypes.STRING(128), allowNull: false },
    thumbKey: { type: DataTypes.STRING(128), allowNull: false },
    originalSha256: { type: DataTypes.CHAR(64), allowNull: false },
    displaySha256: { type: DataTypes.CHAR(64), allowNull: false },
    thumbSha256: { type: DataTypes.CHAR(64), allowNull: false },
    dhash: { type: DataTypes.CHAR(16), allowNull: false },
    visibility: { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'pass' },
    width: { type: DataTypes.INTEGER, allowNull: false },
    height: { type: DataTypes.INTEGER, allowNull: false },
    bytes: { type: DataTypes.INTEGER, allowNull: false },
    createdAt: DataTypes.DATE(3),
  }, { underscored: true, tableName: 'photos', updatedAt: false }) as PhotoModel;
}
