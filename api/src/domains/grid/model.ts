// City structure tables: regions (city → district → street → community), grids, units and staff.
import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { RegionLevel, StaffRole, UnitType } from './vocabulary';

export interface RegionAttrs { id: number; code: string; name: string; level: RegionLevel; parentId: number | null; path: string; createdAt: Date; updatedAt: Date }
export interface GridAttrs {
  id: number; code: string; name: string; regionId: number; polygon: number[][][];
  minLat: number; minLng: number; maxLat: number; maxLng: number; areaKm2: number; createdAt: Date; updatedAt: Date;
}
export interface UnitAttrs { id: number; code: string; name: string; type: UnitType; regionId: number; phone: string | null; createdAt: Date; updatedAt: Date }
export interface StaffAttrs {
  id: number; username: string; displayName: string; passwordHash: string; role: StaffRole; regionId: number;
  unitId: number | null; active: boolean; failedSignIns: number; lastFailedSignInAt: Date | null; lastSignInAt: Date | null;
  createdAt: Date; updatedAt: Date;
}
type Auto = 'id' | 'createdAt' | 'updatedAt';
export type RegionModel = ModelStatic<Model<RegionAttrs, Optional<RegionAttrs, Auto | 'parentId'>> & RegionAttrs>;
export type GridModel = ModelStatic<Model<GridAttrs, Optional<GridAttrs, Auto>> & GridAttrs>;
export type UnitModel = ModelStatic<Model<UnitAttrs, Optional<UnitAttrs, Auto | 'phone'>> & UnitAttrs>;
export type StaffModel = ModelStatic<Model<StaffAttrs, Optional<StaffAttrs, Auto | 'unitId' | 'active' | 'failedSignIns' | 'lastFailedSignInAt' | 'lastSignInAt'>> & StaffAttrs>;

export interface GridModels { Region: RegionModel; Grid: GridModel; Unit: UnitModel; Staff: StaffModel }

const common = { underscored: true, timestamps: true } as const;

export function defineGridModels(sequelize: Sequelize): GridModels {
  const Region: RegionModel = sequelize.define('Region', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    code: { type: DataTypes.STRING(32), allowNull: false },
    name: { type: DataTypes.STRING(64), allowNull: false },
    level: { type: DataTypes.STRING(16), allowNull: false },
    parentId: { type: DataTypes.INTEGER, allowNull: true },
    path: { type: DataTypes.STRING(255), allowNull: false },
    createdAt: DataTypes.DATE(3), updatedAt: DataTypes.DATE(3),
  }, { ...common, tableName: 'regions' });

  const Grid: GridModel = sequelize.define('Grid', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    code: { type: DataTypes.STRING(32), allowNull: false },
    name: { type: DataTypes.STRING(64), allowNull: false },
    regionId: { type: DataTypes.INTEGER, allowNull: false },
    polygon: { type: DataTypes.JSON, allowNull: false },
    minLat: { type: DataTypes.DOUBLE, allowNull: false },
    minLng: { type: DataTypes.DOUBLE, allowNull: false },
    maxLat: { type: DataTypes.DOUBLE, allowNull: false },
    maxLng: { type: DataTypes.DOUBLE, allowNull: false },
    areaKm2: { type: DataTypes.DOUBLE, allowNull: false },
    createdAt: DataTypes.DATE(3), updatedAt: DataTypes.DATE(3),
  }, { ...common, tableName: 'grids' });

  const Unit: UnitModel = sequelize.define('Unit', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    code: { type: DataTypes.STRING(32), allowNull: false },
    name: { type: DataTypes.STRING(64), allowNull: false },
    type: { type: DataTypes.STRING(32), allowNull: false },
    regionId: { type: DataTypes.INTEGER, allowNull: false },
    phone: { type: DataTypes.STRING(32), allowNull: true },
    createdAt: DataTypes.DATE(3), updatedAt: DataTypes.DATE(3),
  }, { ...common, tableName: 'units' });

  const Staff: StaffModel = sequelize.define('Staff', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    username: { type: DataTypes.STRING(32), allowNull: false },
    displayName: { type: DataTypes.STRING(64), allowNull: false },
    passwordHash: { type: DataTypes.STRING(255), allowNull: false },
    role: { type: DataTypes.STRING(16), allowNull: false },
    regionId: { type: DataTypes.INTEGER, allowNull: false },
    unitId: { type: DataTypes.INTEGER, allowNull: true },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    failedSignIns: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    lastFailedSignInAt: { type: DataTypes.DATE(3), allowNull: true },
    lastSignInAt: { type: DataTypes.DATE(3), allowNull: true },
    createdAt: DataTypes.DATE(3), updatedAt: DataTypes.DATE(3),
  }, { ...common, tableName: 'staff' });

  Grid.belongsTo(Region, { as: 'region', foreignKey: 'regionId' });
  Unit.belongsTo(Region, { as: 'region', foreignKey: 'regionId' });
  Staff.belongsTo(Region, { as: 'region', foreignKey: 'regionId' });
  Staff.belongsTo(Unit, { as: 'unit', foreignKey: 'unitId' });
  return { Region, Grid, Unit, Staff };
}
