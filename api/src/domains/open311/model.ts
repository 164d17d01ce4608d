// API keys of Open311 clients (other city systems, third-party apps), stored as SHA-256.
import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

export interface Open311KeyAttrs { id: number; name: string; keyHash: string; createdBy: number | null; revokedAt: Date | null; createdAt: Date; updatedAt: Date }
export type Open311KeyModel = ModelStatic<Model<Open311KeyAttrs, Optional<Open311KeyAttrs, 'id' | 'createdAt' | 'updatedAt' | 'revokedAt' | 'createdBy'>> & Open311KeyAttrs>;

export function defineOpen311Model(sequelize: Sequelize): Open311KeyModel {
  return sequelize.define('Open311Key', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    name: { type: DataTypes.STRING(64), allowNull: false },
    keyHash: { type: DataTypes.CHAR(64), allowNull: false },
    createdBy: { type: DataTypes.INTEGER, allowNull: true },
    revokedAt: { type: DataTypes.DATE(3), allowNull: true },
    createdAt: DataTypes.DATE(3), updatedAt: DataTypes.DATE(3),
  }, { underscored: true, tableName: 'open311_keys' }) as Open311KeyModel;
}
