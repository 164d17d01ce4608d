// Consent records (which version of the privacy guide a resident agreed to) and per-person keys (sealed with
// the master key; erasure destroys them, so that evidence commitments to personal fields can never be opened).
import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

export interface ConsentAttrs { id: number; personId: number; version: string; agreedAt: Date; withdrawnAt: Date | null }
export interface PersonKeyAttrs { personId: number; keyCipher: string | null; createdAt: Date; destroyedAt: Date | null }
type M<A extends object, O extends keyof A> = ModelStatic<Model<A, Optional<A, O>> & A>;
export interface PrivacyModels { Consent: M<ConsentAttrs, 'id' | 'withdrawnAt'>; PersonKey: M<PersonKeyAttrs, 'destroyedAt'> }

export function definePrivacyModels(sequelize: Sequelize): PrivacyModels {
  const Consent = sequelize.define('Consent', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }, personId: { type: DataTypes.INTEGER, allowNull: false },
    version: { type: DataTypes.STRING(16), allowNull: false }, agreedAt: { type: DataTypes.DATE(3), allowNull: false }, withdrawnAt: { type: DataTypes.DATE(3), allowNull: true },
  }, { underscored: true, tableName: 'consents', timestamps: false }) as PrivacyModels['Consent'];
  const PersonKey = sequelize.define('PersonKey', {
    personId: { type: DataTypes.INTEGER, primaryKey: true }, keyCipher: { type: DataTypes.STRING(160), allowNull: true },
    createdAt: { type: DataTypes.DATE(3), allowNull: false }, destroyedAt: { type: DataTypes.DATE(3), allowNull: true },
  }, { underscored: true, tableName: 'person_keys', timestamps: false }) as PrivacyModels['PersonKey'];
  return { Consent, PersonKey };
}
