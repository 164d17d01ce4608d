// Tables of self-declaration: houses, the population base, declarations and their evidence steps,
// verification tasks, imports, rental reports from other departments, collision runs and findings, and
// the log of every unmasked identity number shown to staff.
import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

export type HouseUse = 'residential' | 'rental' | 'dormitory' | 'shop_house';
export type DeclarationStatus = 'accepted' | 'pending_verification' | 'rejected' | 'moved_out' | 'expired';
export type TaskKind = 'declaration_doubt' | 'declared_but_empty';
export type TaskStatus = 'open' | 'confirmed' | 'rejected';
export type ImportKind = 'houses' | 'population' | 'rental_reports';
export type ImportStatus = 'running' | 'done' | 'failed';
export type FindingKind = 'undeclared' | 'declared_but_empty';

export interface HouseAttrs {
  id: number; code: string; address: string; building: string; floor: number | null; room: string; use: HouseUse; capacity: number;
  landlordName: string | null; landlordPhone: string | null; landlordPersonId: number | null; gridId: number; regionId: number; regionPath: string;
  flagged: boolean; flagReason: string | null; colour: string; occupants: number; createdAt: Date; updatedAt: Date;
}
export interface PopulationAttrs { id: number; idHash: string; idCipher: string; name: string; registeredAddress: string | null; createdAt: Date; updatedAt: Date }
export interface DeclarationAttrs {
  id: number; houseId: number; gridId: number; regionPath: string; personId: number | null; idHash: string; idCipher: string; idMasked: string;
  name: string; sex: 'male' | 'female'; birthDate: string; phone: string | null; moveInDate: string; moveOutDate: string | null;
  status: DeclarationStatus; validUntil: string; risks: string[]; landlordConfirmedAt: Date | null; verifiedAt: Date | null; remindedAt: Date | null;
  evidenceSeq: number; evidenceHead: string | null; createdAt: Date; updatedAt: Date;
}
export interface StepAttrs {
  id: number; declarationId: number; seq: number; action: string; actorKind: string; actorId: number | null; actorRole: string;
  payload: unknown; payloadDigest: string; attachments: string[]; prevHash: string | null; hash: string; at: Date;
}
export interface TaskAttrs {
  id: number; kind: TaskKind; houseId: number; declarationId: number | null; gridId: number; regionPath: string; status: TaskStatus;
  reasons: string[]; note: string | null; resolvedBy: number | null; resolvedAt: Date | null; createdAt: Date; updatedAt: Date;
}
export interface ImportAttrs {
  id: number; kind: ImportKind; filename: string; status: ImportStatus; processedLines: number; appliedLines: number; errorCount: number;
  errors: { line: number; field: string; message: string }[]; createdBy: number | null; finishedAt: Date | null; createdAt: Date; updatedAt: Date;
}
export interface RentalReportAttrs {
  id: number; importId: number | null; houseId: number | null; houseCode: string | null; address: string | null; idHash: string | null; idCipher: string | null;
  idMasked: string | null; occupancy: 'occupied' | 'vacant'; source: string; reportedOn: string; createdAt: Date;
}
export interface RunAttrs {
  id: number; trigger: 'schedule' | 'manual'; status: 'running' | 'done' | 'failed'; reportsCompared: number; undeclared: number; declaredButEmpty: number;
  eventsCreated: number; tasksCreated: number; startedAt: Date; finishedAt: Date | null;
}
export interface FindingAttrs {
  id: number; runId: number; kind: FindingKind; houseId: number; gridId: number; regionPath: string; rentalReportId: number | null; idHash: string | null;
  idMasked: string | null; source: string; reportedOn: string; eventId: number | null; taskId: number | null; open: boolean; createdAt: Date;
}
export interface PiiAccessAttrs { id: number; staffId: number; subjectKind: string; subjectId: number; reason: string; requestId: string | null; at: Date }

type Auto = 'id' | 'createdAt' | 'updatedAt';
type M<A extends object, O extends keyof A> = ModelStatic<Model<A, Optional<A, O>> & A>;
export interface DeclarationModels {
  House: M<HouseAttrs, Auto | 'floor' | 'landlordName' | 'landlordPhone' | 'landlordPersonId' | 'flagged' | 'flagReason' | 'colour' | 'occupants'>;
  PopulationRecord: M<PopulationAttrs, Auto | 'registeredAddress'>;
  Declaration: M<DeclarationAttrs, Auto | 'personId' | 'phone' | 'moveOutDate' | 'landlordConfirmedAt' | 'verifiedAt' | 'remindedAt' | 'evidenceSeq' | 'evidenceHead'>;
  DeclarationStep: M<StepAttrs, 'id'>;
  VerificationTask: M<TaskAttrs, Auto | 'declarationId' | 'note' | 'resolvedBy' | 'resolvedAt'>;
  DataImport: M<ImportAttrs, Auto | 'processedLines' | 'appliedLines' | 'errorCount' | 'errors' | 'createdBy' | 'finishedAt'>;
  RentalReport: M<RentalReportAttrs, 'id' | 'createdAt' | 'importId' | 'houseId' | 'houseCode' | 'address' | 'idHash' | 'idCipher' | 'idMasked'>;
  CollisionRun: M<RunAttrs, 'id' | 'reportsCompared' | 'undeclared' | 'declaredButEmpty' | 'eventsCreated' | 'tasksCreated' | 'finishedAt'>;
  CollisionFinding: M<FindingAttrs, 'id' | 'createdAt' | 'rentalReportId' | 'idHash' | 'idMasked' | 'eventId' | 'taskId' | 'open'>;
  PiiAccess: M<PiiAccessAttrs, 'id' | 'requestId'>;
}

// Factories, not shared objects (Sequelize writes the field name into each definition it is given).
const pk = () => ({ type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true });
const int = (allowNull = false) => ({ type: DataTypes.INTEGER, allowNull });
const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
const hash = (allowNull = false) => ({ type: DataTypes.CHAR(64), allowNull });
const at = (allowNull = true) => ({ type: DataTypes.DATE(3), allowNull });
const day = (allowNull = false) => ({ type: DataTypes.DATEONLY, allowNull });
const bool = () => ({ type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });
/** JSON columns come back as text from SQLite with raw: true; parse them on read so both databases agree. */
const json = (field: string, fallback: unknown = []) => ({
  type: DataTypes.JSON, allowNull: false,
  get(this: Model) { const v = this.getDataValue(field as never) as unknown; return typeof v === 'string' ? JSON.parse(v) : v ?? fallback; },
});
/** Times leave the API as ISO 8601 on both databases (SQLite hands back text with raw: true). */
export const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);
const ts = () => ({ createdAt: at(false), updatedAt: at(false) });
const options = (tableName: string, extra: object = {}) => ({ underscored: true, tableName, ...extra });

export function defineDeclarationModels(sequelize: Sequelize): DeclarationModels {
  const House = sequelize.define('House', {
    id: pk(), code: { ...str(32), unique: true }, address: str(200), building: str(64), floor: int(true), room: str(16), use: str(16), capacity: int(),
    landlordName: str(64, true), landlordPhone: str(20, true), landlordPersonId: int(true), gridId: int(), regionId: int(), regionPath: str(255),
    flagged: bool(), flagReason: str(200, true), colour: { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'none' },
    occupants: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 }, ...ts(),
  }, options('houses')) as DeclarationModels['House'];
  const PopulationRecord = sequelize.define('PopulationRecord', {
    id: pk(), idHash: { ...hash(), unique: true }, idCipher: str(96), name: str(64), registeredAddress: str(200, true), ...ts(),
  }, options('population_records')) as DeclarationModels['PopulationRecord'];
  const Declaration = sequelize.define('Declaration', {
    id: pk(), houseId: int(), gridId: int(), regionPath: str(255), personId: int(true), idHash: hash(), idCipher: str(96), idMasked: str(18),
    name: str(64), sex: str(8), birthDate: day(), phone: str(20, true), moveInDate: day(), moveOutDate: day(true), status: str(24), validUntil: day(),
    risks: json('risks'), landlordConfirmedAt: at(), verifiedAt: at(), remindedAt: at(),
    evidenceSeq: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 }, evidenceHead: hash(true), ...ts(),
  }, options('declarations')) as DeclarationModels['Declaration'];
  const DeclarationStep = sequelize.define('DeclarationStep', {
    id: pk(), declarationId: int(), seq: int(), action: str(24), actorKind: str(16), actorId: int(true), actorRole: str(24),
    payload: json('payload', {}), payloadDigest: hash(), attachments: json('attachments'), prevHash: hash(true), hash: hash(), at: at(false),
  }, options('declaration_steps', { timestamps: false })) as DeclarationModels['DeclarationStep'];
  const VerificationTask = sequelize.define('VerificationTask', {
    id: pk(), kind: str(24), houseId: int(), declarationId: int(true), gridId: int(), regionPath: str(255), status: str(16),
    reasons: json('reasons'), note: str(500, true), resolvedBy: int(true), resolvedAt: at(), ...ts(),
  }, options('verification_tasks')) as DeclarationModels['VerificationTask'];
  const DataImport = sequelize.define('DataImport', {
    id: pk(), kind: str(24), filename: str(200), status: str(16),
    processedLines: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 }, appliedLines: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    errorCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 }, errors: json('errors'), createdBy: int(true), finishedAt: at(), ...ts(),
  }, options('data_imports')) as DeclarationModels['DataImport'];
  const RentalReport = sequelize.define('RentalReport', {
    id: pk(), importId: int(true), houseId: int(true), houseCode: str(32, true), address: str(200, true), idHash: hash(true), idCipher: str(96, true),
    idMasked: str(18, true), occupancy: str(8), source: str(24), reportedOn: day(), createdAt: at(false),
  }, options('rental_reports', { updatedAt: false })) as DeclarationModels['RentalReport'];
  const CollisionRun = sequelize.define('CollisionRun', {
    id: pk(), trigger: str(16), status: str(16), reportsCompared: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    undeclared: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 }, declaredButEmpty: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    eventsCreated: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 }, tasksCreated: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    startedAt: at(false), finishedAt: at(),
  }, options('collision_runs', { timestamps: false })) as DeclarationModels['CollisionRun'];
  const CollisionFinding = sequelize.define('CollisionFinding', {
    id: pk(), runId: int(), kind: str(24), houseId: int(), gridId: int(), regionPath: str(255), rentalReportId: int(true), idHash: hash(true), idMasked: str(18, true),
    source: str(24), reportedOn: day(), eventId: int(true), taskId: int(true), open: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true }, createdAt: at(false),
  }, options('collision_findings', { updatedAt: false })) as DeclarationModels['CollisionFinding'];
  const PiiAccess = sequelize.define('PiiAccess', {
    id: pk(), staffId: int(), subjectKind: str(24), subjectId: int(), reason: str(200), requestId: str(64, true), at: at(false),
  }, options('pii_access_log', { timestamps: false })) as DeclarationModels['PiiAccess'];
  return { House, PopulationRecord, Declaration, DeclarationStep, VerificationTask, DataImport, RentalReport, CollisionRun, CollisionFinding, PiiAccess };
}
