// Resident accounts (people signed in with WeChat) and sessions (refresh tokens, stored hashed).
import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

export type SubjectKind = 'staff' | 'resident';
export interface PersonAttrs { id: number; openid: string; unionid: string | null; nickname: string | null; phone: string | null; lastSignInAt: Date | null; erasedAt: Date | null; createdAt: Date; updatedAt: Date }
export interface SessionAttrs { id: number; tokenHash: string; subjectKind: SubjectKind; subjectId: number; expiresAt: Date; revokedAt: Date | null; createdAt: Date; updatedAt: Date }
type Auto = 'id' | 'createdAt' | 'updatedAt';
export type PersonModel = ModelStatic<Model<PersonAttrs, Optional<PersonAttrs, Auto | 'unionid' | 'nickname' | 'phone' | 'lastSignInAt' | 'erasedAt'>> & PersonAttrs>;
export type SessionModel = ModelStatic<Model<SessionAttrs, Optional<SessionAttrs, Auto | 'revokedAt'>> & SessionAttrs>;
export interface AuthModels { Person: PersonModel; Session: SessionModel }

export function defineAuthModels(sequelize: Sequelize): AuthModels {
  const Person: PersonModel = sequelize.define('Person', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    openid: { type: DataTypes.STRING(64), allowNull: false },
    unionid: { type: DataTypes.STRING(64), allowNull: true },
    nickname: { type: DataTypes.STRING(64), allowNull: true },
    // From WeChat's phone-number grant or typed by the resident; prefills declarations.
    phone: { type: DataTypes.STRING(20), allowNull: true },
    lastSignInAt: { type: DataTypes.DATE(3), allowNull: true },
    // Set when the resident erased their account: the row stays as the pseudonym their case records point to.
    erasedAt: { type: DataTypes.DATE(3), allowNull: true },
    createdAt: DataTypes.DATE(3), updatedAt: DataTypes.DATE(3),
  }, { underscored: true, tableName: 'people' });
  const Session: SessionModel = sequelize.define('Session', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    tokenHash: { type: DataTypes.CHAR(64), allowNull: false },
    subjectKind: { type: DataTypes.STRING(16), allowNull: false },
    subjectId: { type: DataTypes.INTEGER, allowNull: false },
    expiresAt: { type: DataTypes.DATE(3), allowNull: false },
    revokedAt: { type: DataTypes.DATE(3), allowNull: true },
    createdAt: DataTypes.DATE(3), updatedAt: DataTypes.DATE(3),
  }, { underscored: true, tableName: 'sessions' });
  return { Person, Session };
}
