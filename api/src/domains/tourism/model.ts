// Tables of island tourist services: islands, places (merchants and services), and the tourism side of the
// events tourists raise (what a complaint is about, what kind of help was asked for, the phone to call back).
import { DataTypes, literal, type Model, type ModelStatic, type Optional, type Sequelize, type Transaction } from 'sequelize';
import type { ComplaintCategory, HelpType, PlaceKind } from './vocabulary';

export interface IslandAttrs { id: number; code: string; name: string; regionId: number; lat: number; lng: number; createdAt: Date; updatedAt: Date }
export interface PlaceAttrs {
  id: number; code: string; name: string; kind: PlaceKind; islandId: number; lat: number; lng: number; address: string; phone: string | null;
  openingHours: string | null; complaintCount: number; active: boolean; revision: number; createdAt: Date; updatedAt: Date;
}
export interface ComplaintAttrs { id: number; eventId: number; category: ComplaintCategory; placeId: number | null; islandId: number; phone: string | null; createdAt: Date }
/**
 * The next revision of the places, taken inside the writer's transaction: the counter row stays locked until
 * it commits, so a later revision never becomes visible before an earlier one.
 */
export async function nextPlaceRevision(models: Pick<TourismModels, 'RevisionCounter'>, transaction: Transaction): Promise<number> {
  await models.RevisionCounter.update({ value: literal('value + 1') as unknown as number }, { where: { name: 'places' }, transaction });
  return (await models.RevisionCounter.findByPk('places', { raw: true, transaction }))!.value;
}

export interface HelpCallAttrs { id: number; eventId: number; type: HelpType; islandId: number; phone: string; text: string | null; accuracyM: number | null; createdAt: Date }

type Auto = 'id' | 'createdAt' | 'updatedAt';
export type IslandModel = ModelStatic<Model<IslandAttrs, Optional<IslandAttrs, Auto>> & IslandAttrs>;
export type PlaceModel = ModelStatic<Model<PlaceAttrs, Optional<PlaceAttrs, Auto | 'phone' | 'openingHours' | 'complaintCount' | 'active' | 'revision'>> & PlaceAttrs>;
export type ComplaintModel = ModelStatic<Model<ComplaintAttrs, Optional<ComplaintAttrs, 'id' | 'placeId' | 'phone'>> & ComplaintAttrs>;
export type HelpCallModel = ModelStatic<Model<HelpCallAttrs, Optional<HelpCallAttrs, 'id' | 'text' | 'accuracyM'>> & HelpCallAttrs>;
export type RevisionCounterModel = ModelStatic<Model<{ name: string; value: number }> & { name: string; value: number }>;
export interface TourismModels { Island: IslandModel; Place: PlaceModel; TouristComplaint: ComplaintModel; HelpCall: HelpCallModel; RevisionCounter: RevisionCounterModel }

const pk = () => ({ type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true });
const int = (allowNull = false) => ({ type: DataTypes.INTEGER, allowNull });
const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
const dbl = () => ({ type: DataTypes.DOUBLE, allowNull: false });
const ts = () => ({ createdAt: DataTypes.DATE(3), updatedAt: DataTypes.DATE(3) });

export function defineTourismModels(sequelize: Sequelize): TourismModels {
  const Island = sequelize.define('Island', { id: pk(), code: str(8), name: str(32), regionId: int(), lat: dbl(), lng: dbl(), ...ts() }, { underscored: true, tableName: 'islands' }) as IslandModel;
  const Place = sequelize.define('Place', {
    // unique here as in the migration: bulk upserts by code (the import) need to know the key.
    id: pk(), code: { ...str(32), unique: true }, name: str(100), kind: str(16), islandId: int(), lat: dbl(), lng: dbl(), address: str(200), phone: str(20, true),
    openingHours: str(100, true), complaintCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true }, revision: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 }, ...ts(),
  }, { underscored: true, tableName: 'places' }) as PlaceModel;
  const RevisionCounter = sequelize.define('RevisionCounter', { name: { type: DataTypes.STRING(32), primaryKey: true }, value: int() }, { tableName: 'revision_counters', timestamps: false }) as RevisionCounterModel;
  const TouristComplaint = sequelize.define('TouristComplaint', {
    id: pk(), eventId: int(), category: str(16), placeId: int(true), islandId: int(), phone: str(20, true), createdAt: DataTypes.DATE(3),
  }, { underscored: true, tableName: 'tourist_complaints', updatedAt: false }) as ComplaintModel;
  const HelpCall = sequelize.define('HelpCall', {
    id: pk(), eventId: int(), type: str(16), islandId: int(), phone: str(20), text: str(200, true), accuracyM: int(true), createdAt: DataTypes.DATE(3),
  }, { underscored: true, tableName: 'tourist_help_calls', updatedAt: false }) as HelpCallModel;
  return { Island, Place, TouristComplaint, HelpCall, RevisionCounter };
}
