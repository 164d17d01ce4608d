// Leases in the database, so that with several API instances each scheduled job fires once.
// Taken with a conditional UPDATE (or an INSERT for a new name): affected rows = 1 means you hold it.
import { DataTypes, Op, UniqueConstraintError, type Model, type ModelStatic, type Sequelize } from 'sequelize';

export interface LeaseAttrs { name: string; holder: string; expiresAt: Date; createdAt: Date; updatedAt: Date }
export type LeaseModel = ModelStatic<Model<LeaseAttrs, Omit<LeaseAttrs, 'createdAt' | 'updatedAt'>> & LeaseAttrs>;

export function defineLeaseModel(sequelize: Sequelize): LeaseModel {
  return sequelize.define('Lease', {
    name: { type: DataTypes.STRING(64), primaryKey: true },
    holder: { type: DataTypes.STRING(64), allowNull: false },
    expiresAt: { type: DataTypes.DATE(3), allowNull: false },
    createdAt: DataTypes.DATE(3), updatedAt: DataTypes.DATE(3),
  }, { underscored: true, tableName: 'leases' }) as LeaseModel;
}

export async function tryAcquireLease(Lease: LeaseModel, name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const [updated] = await Lease.update({ holder, expiresAt }, { where: { name, [Op.or]: [{ expiresAt: { [Op.lt]: now } }, { holder }] } });
  if (updated === 1) return true;
  try {
    await Lease.create({ name, holder, expiresAt });
    return true;
  } catch (err) {
    if (err instanceof UniqueConstraintError) return false;
    throw err;
  }
}

export async function releaseLease(Lease: LeaseModel, name: string, holder: string): Promise<void> {
  await Lease.destroy({ where: { name, holder } });
}
