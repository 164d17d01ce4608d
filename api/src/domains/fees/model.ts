// Tables of social-security fees: bindings of accounts to insured persons, the three ledgers, the API keys
// of department systems and the signatures already seen.
import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { LedgerSource } from './matcher';

export interface BindingAttrs { id: number; personId: number; idHash: string; idCipher: string; idMasked: string; name: string; boundAt: Date }
export interface LedgerRowAttrs {
  id: number; source: LedgerSource; externalId: string; payerHash: string; payerMasked: string; period: string; insuranceType: string;
  dueEmployerFen: number; duePersonalFen: number; paidEmployerFen: number; paidPersonalFen: number; reference: string | null; postedAt: Date;
}
export interface FeeKeyAttrs { id: number; keyId: string; name: string; source: LedgerSource; secretCipher: string; createdAt: Date; revokedAt: Date | null }
export interface SeenAttrs { signature: string; seenAt: Date }
export interface RunAttrs {
  id: number; period: string; status: 'running' | 'done' | 'failed'; sources: Record<LedgerSource, { rows: number; amountFen: number }>;
  keysCompared: number; matched: number; discrepancies: number; startedAt: Date; finishedAt: Date | null;
}
export interface DiscrepancyAttrs {
  id: number; period: string; payerHash: string; payerMasked: string; insuranceType: string; kind: 'missing' | 'amount_mismatch' | 'duplicate';
  detail: { missingIn?: LedgerSource[]; amounts?: Partial<Record<LedgerSource, number | null>> }; status: 'open' | 'closed'; note: string | null;
  closedBy: number | null; closedAt: Date | null; createdAt: Date; updatedAt: Date;
}
export interface CertificateAttrs { id: number; code: string; personId: number; payerMasked: string; nameMasked: string; periodFrom: string; periodTo: string; dueFen: number; paidFen: number; issuedAt: Date }

type M<A extends object, O extends keyof A> = ModelStatic<Model<A, Optional<A, O>> & A>;
export interface FeeModels {
  InsuredBinding: M<BindingAttrs, 'id'>;
  LedgerRow: M<LedgerRowAttrs, 'id' | 'dueEmployerFen' | 'duePersonalFen' | 'paidEmployerFen' | 'paidPersonalFen' | 'reference'>;
  FeeKey: M<FeeKeyAttrs, 'id' | 'revokedAt'>;
  SignatureSeen: M<SeenAttrs, never>;
  ReconciliationRun: M<RunAttrs, 'id' | 'keysCompared' | 'matched' | 'discrepancies' | 'finishedAt'>;
  Discrepancy: M<DiscrepancyAttrs, 'id' | 'note' | 'closedBy' | 'closedAt' | 'createdAt' | 'updatedAt'>;
  Certificate: M<CertificateAttrs, 'id'>;
}

const pk = () => ({ type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true });
const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
// BIGINT comes back as a string from mysql2; amounts in fen stay far below 2^53, so they are read as numbers.
const fen = (field: string) => ({ type: DataTypes.BIGINT, allowNull: false, defaultValue: 0, get(this: Model) { return Number(this.getDataValue(field as never)); } });

export function defineFeeModels(sequelize: Sequelize): FeeModels {
  const InsuredBinding = sequelize.define('InsuredBinding', {
    id: pk(), personId: { type: DataTypes.INTEGER, allowNull: false, unique: true }, idHash: { type: DataTypes.CHAR(64), allowNull: false, unique: true },
    idCipher: str(96), idMasked: str(18), name: str(64), boundAt: { type: DataTypes.DATE(3), allowNull: false },
  }, { underscored: true, tableName: 'insured_bindings', timestamps: false }) as FeeModels['InsuredBinding'];
  const LedgerRow = sequelize.define('LedgerRow', {
    id: pk(), source: str(8), externalId: str(64), payerHash: { type: DataTypes.CHAR(64), allowNull: false }, payerMasked: str(18), period: { type: DataTypes.CHAR(7), allowNull: false },
    insuranceType: str(16), dueEmployerFen: fen('dueEmployerFen'), duePersonalFen: fen('duePersonalFen'), paidEmployerFen: fen('paidEmployerFen'), paidPersonalFen: fen('paidPersonalFen'),
    reference: str(64, true), postedAt: { type: DataTypes.DATE(3), allowNull: false },
  }, { underscored: true, tableName: 'fee_ledger_rows', timestamps: false, indexes: [{ unique: true, fields: ['source', 'external_id'] }] }) as FeeModels['LedgerRow'];
  const FeeKey = sequelize.define('FeeKey', {
    id: pk(), keyId: { type: DataTypes.STRING(32), allowNull: false, unique: true }, name: str(64), source: str(8), secretCipher: str(160),
    createdAt: { type: DataTypes.DATE(3), allowNull: false }, revokedAt: { type: DataTypes.DATE(3), allowNull: true },
  }, { underscored: true, tableName: 'fee_api_keys', timestamps: false }) as FeeModels['FeeKey'];
  const SignatureSeen = sequelize.define('SignatureSeen', {
    signature: { type: DataTypes.CHAR(64), primaryKey: true }, seenAt: { type: DataTypes.DATE(3), allowNull: false },
  }, { underscored: true, tableName: 'fee_signatures_seen', timestamps: false }) as FeeModels['SignatureSeen'];
  const ReconciliationRun = sequelize.define('ReconciliationRun', {
    id: pk(), period: { type: DataTypes.CHAR(7), allowNull: false }, status: str(16), sources: { type: DataTypes.JSON, allowNull: false },
    keysCompared: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 }, matched: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    discrepancies: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 }, startedAt: { type: DataTypes.DATE(3), allowNull: false }, finishedAt: { type: DataTypes.DATE(3), allowNull: true },
  }, { underscored: true, tableName: 'fee_reconciliation_runs', timestamps: false }) as FeeModels['ReconciliationRun'];
  const Discrepancy = sequelize.define('Discrepancy', {
    id: pk(), period: { type: DataTypes.CHAR(7), allowNull: false }, payerHash: { type: DataTypes.CHAR(64), allowNull: false }, payerMasked: str(18), insuranceType: str(16),
    kind: str(24), detail: { type: DataTypes.JSON, allowNull: false }, status: str(8), note: str(500, true), closedBy: { type: DataTypes.INTEGER, allowNull: true },
    closedAt: { type: DataTypes.DATE(3), allowNull: true }, createdAt: DataTypes.DATE(3), updatedAt: DataTypes.DATE(3),
  }, { underscored: true, tableName: 'fee_discrepancies' }) as FeeModels['Discrepancy'];
  const Certificate = sequelize.define('Certificate', {
    id: pk(), code: { type: DataTypes.CHAR(12), allowNull: false, unique: true }, personId: { type: DataTypes.INTEGER, allowNull: false }, payerMasked: str(18), nameMasked: str(64),
    periodFrom: { type: DataTypes.CHAR(7), allowNull: false }, periodTo: { type: DataTypes.CHAR(7), allowNull: false }, dueFen: fen('dueFen'), paidFen: fen('paidFen'),
    issuedAt: { type: DataTypes.DATE(3), allowNull: false },
  }, { underscored: true, tableName: 'fee_certificates', timestamps: false }) as FeeModels['Certificate'];
  return { InsuredBinding, LedgerRow, FeeKey, SignatureSeen, ReconciliationRun, Discrepancy, Certificate };
}
