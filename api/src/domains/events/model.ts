// Tables of the event registry: categories, dispatch rules, events, daily code counters, evidence, followers.
import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { EventStatus } from './lifecycle';

export type EventSource = 'resident_report' | 'grid_worker' | 'tourist_complaint' | 'tourist_help' | 'hotline' | 'open311' | 'collision';

export interface CategoryAttrs { id: number; code: string; name: string; level: number; unitType: string; responseHours: number; resolutionHours: number; autoDispatch: boolean; active: boolean; sort: number; createdAt: Date; updatedAt: Date }
export interface DispatchRuleAttrs { id: number; categoryId: number | null; regionId: number; unitId: number; createdAt: Date; updatedAt: Date }
export interface EventAttrs {
  id: number; code: string; source: EventSource; categoryId: number; level: number; description: string; lat: number; lng: number; address: string | null;
  gridId: number; regionId: number; regionPath: string; unitId: number | null; status: EventStatus; overdue: boolean; escalatedAt: Date | null;
  responseDueAt: Date | null; resolutionDueAt: Date | null; respondedAt: Date | null; resolvedAt: Date | null; closedAt: Date | null;
  reporterId: number | null; reporterStaffId: number | null; anonymous: boolean; mergedIntoId: number | null; rating: number | null; ratingComment: string | null;
  /** Who beyond the reporter and staff may read the description: 'pass', or 'pending' a moderator, or 'hidden'. */
  textVisibility: 'pass' | 'pending' | 'hidden';
  reviewRequested: boolean; evidenceSeq: number; evidenceHead: string | null; createdAt: Date; updatedAt: Date;
}
export interface CounterAttrs { prefix: string; day: string; value: number }
export interface EvidenceAttrs {
  id: number; eventId: number; seq: number; action: string; actorKind: string; actorId: number | null; actorRole: string; fromStatus: string | null; toStatus: string;
  payload: unknown; payloadDigest: string; attachments: string[]; stateDigest: string; prevHash: string | null; hash: string; at: Date;
}
export interface FollowerAttrs { eventId: number; personId: number; createdAt: Date }

type Auto = 'id' | 'createdAt' | 'updatedAt';
export type CategoryModel = ModelStatic<Model<CategoryAttrs, Optional<CategoryAttrs, Auto | 'active' | 'sort'>> & CategoryAttrs>;
export type DispatchRuleModel = ModelStatic<Model<DispatchRuleAttrs, Optional<DispatchRuleAttrs, Auto>> & DispatchRuleAttrs>;
export type EventModel = ModelStatic<Model<EventAttrs, Optional<EventAttrs, Auto | 'address' | 'unitId' | 'overdue' | 'escalatedAt' | 'responseDueAt' | 'resolutionDueAt' | 'respondedAt' | 'resolvedAt' | 'closedAt' | 'reporterId' | 'reporterStaffId' | 'anonymous' | 'mergedIntoId' | 'rating' | 'ratingComment' | 'reviewRequested' | 'evidenceSeq' | 'evidenceHead' | 'textVisibility'>> & EventAttrs>;
export type CounterModel = ModelStatic<Model<CounterAttrs> & CounterAttrs>;
export type EvidenceModel = ModelStatic<Model<EvidenceAttrs, Optional<EvidenceAttrs, 'id'>> & EvidenceAttrs>;
export type FollowerModel = ModelStatic<Model<FollowerAttrs, Optional<FollowerAttrs, 'createdAt'>> & FollowerAttrs>;
export interface EventModels { Category: CategoryModel; DispatchRule: DispatchRuleModel; Event: EventModel; EventCounter: CounterModel; Evidence: EvidenceModel; Follower: FollowerModel }

// Factories, not shared objects: Sequelize writes the field name into each attribute definition it is
// given, so one object reused for two columns would map both to the same one.
const ts = () => ({ createdAt: DataTypes.DATE(3), updatedAt: DataTypes.DATE(3) });
const pk = () => ({ type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true });
const int = (allowNull = false) => ({ type: DataTypes.INTEGER, allowNull });
const date = () => ({ type: DataTypes.DATE(3), allowNull: true });

export function defineEventModels(sequelize: Sequelize): EventModels {
  const Category = sequelize.define('Category', {
    id: pk(), code: { type: DataTypes.STRING(32), allowNull: false }, name: { type: DataTypes.STRING(64), allowNull: false }, level: int(),
    unitType: { type: DataTypes.STRING(32), allowNull: false }, responseHours: int(), resolutionHours: int(),
    autoDispatch: { type: DataTypes.BOOLEAN, allowNull: false }, active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    sort: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 }, ...ts(),
  }, { underscored: true, tableName: 'categories' }) as CategoryModel;
  const DispatchRule = sequelize.define('DispatchRule', { id: pk(), categoryId: int(true), regionId: int(), unitId: int(), ...ts() }, { underscored: true, tableName: 'dispatch_rules' }) as DispatchRuleModel;
  const Event = sequelize.define('Event', {
    id: pk(), code: { type: DataTypes.STRING(32), allowNull: false }, source: { type: DataTypes.STRING(24), allowNull: false }, categoryId: int(), level: int(),
    description: { type: DataTypes.STRING(1000), allowNull: false }, lat: { type: DataTypes.DOUBLE, allowNull: false }, lng: { type: DataTypes.DOUBLE, allowNull: false },
    address: { type: DataTypes.STRING(200), allowNull: true }, gridId: int(), regionId: int(), regionPath: { type: DataTypes.STRING(255), allowNull: false }, unitId: int(true),
    status: { type: DataTypes.STRING(16), allowNull: false }, overdue: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false }, escalatedAt: date(),
    responseDueAt: date(), resolutionDueAt: date(), respondedAt: date(), resolvedAt: date(), closedAt: date(), reporterId: int(true), reporterStaffId: int(true),
    anonymous: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false }, mergedIntoId: int(true), rating: int(true),
    ratingComment: { type: DataTypes.STRING(500), allowNull: true }, textVisibility: { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'pass' }, reviewRequested: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    evidenceSeq: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 }, evidenceHead: { type: DataTypes.CHAR(64), allowNull: true }, ...ts(),
  }, { underscored: true, tableName: 'events' }) as EventModel;
  const EventCounter = sequelize.define('EventCounter', {
    prefix: { type: DataTypes.STRING(8), primaryKey: true }, day: { type: DataTypes.CHAR(8), primaryKey: true }, value: int(),
  }, { underscored: true, tableName: 'event_code_counters', timestamps: false }) as CounterModel;
  const Evidence = sequelize.define('Evidence', {
    id: pk(), eventId: int(), seq: int(), action: { type: DataTypes.STRING(24), allowNull: false }, actorKind: { type: DataTypes.STRING(16), allowNull: false },
    actorId: int(true), actorRole: { type: DataTypes.STRING(16), allowNull: false }, fromStatus: { type: DataTypes.STRING(16), allowNull: true },
    toStatus: { type: DataTypes.STRING(16), allowNull: false }, payload: { type: DataTypes.JSON, allowNull: false }, payloadDigest: { type: DataTypes.CHAR(64), allowNull: false },
    attachments: { type: DataTypes.JSON, allowNull: false }, stateDigest: { type: DataTypes.CHAR(64), allowNull: false }, prevHash: { type: DataTypes.CHAR(64), allowNull: true },
    hash: { type: DataTypes.CHAR(64), allowNull: false }, at: { type: DataTypes.DATE(3), allowNull: false },
  }, { underscored: true, tableName: 'event_evidence', timestamps: false }) as EvidenceModel;
  const Follower = sequelize.define('Follower', {
    eventId: { type: DataTypes.INTEGER, primaryKey: true }, personId: { type: DataTypes.INTEGER, primaryKey: true }, createdAt: DataTypes.DATE(3),
  }, { underscored: true, tableName: 'event_followers', updatedAt: false }) as FollowerModel;
  return { Category, DispatchRule, Event, EventCounter, Evidence, Follower };
}
