// Event categories as data: anyone reads them (the report form); admins create and edit them.
import { Op, UniqueConstraintError } from 'sequelize';
import type { Actor } from '../../actor';
import { Conflict, Forbidden, NotFound, Unauthenticated } from '../../errors';
import type { CategoryAttrs, CategoryModel } from './model';
import { categoryView } from './views';

export type CategoryInput = Pick<CategoryAttrs, 'name' | 'level' | 'unitType' | 'responseHours' | 'resolutionHours' | 'autoDispatch' | 'active'>;

/**
 * Not offered in the report form: the enforcement events of the collision of rental data (raised by the system),
 * and the categories of tourists' complaints and calls for help (raised through their own front door, which
 * knows the island, the merchant and the phone to call back).
 */
export const SYSTEM_CATEGORIES = ['undeclared-rental', 'tourist-help', 'tourist-safety', 'tourist-overcharging', 'tourist-hygiene', 'tourist-service', 'tourist-other'] as const;

export function createCategoryService(Category: CategoryModel) {
  function admin(actor: Actor): void {
    if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
    if (actor.kind !== 'staff' || actor.role !== 'admin') throw new Forbidden('只有系统管理员可以维护事件类别');
  }
  return {
    async list(options: { includeInactive: boolean }) {
      // Categories only the system raises (collision) are not offered to reporters; the editor still sees them.
      const rows = await Category.findAll({ where: options.includeInactive ? {} : { active: true, code: { [Op.notIn]: [...SYSTEM_CATEGORIES] } }, order: [['level', 'ASC'], ['sort', 'ASC'], ['id', 'ASC']], raw: true });
      return { items: rows.map(categoryView) };
    },
    async create(actor: Actor, input: CategoryInput & { code: string }) {
      admin(actor);
      try {
        const sort = ((await Category.max('sort')) as number | null ?? 0) + 1;
        return categoryView((await Category.create({ ...input, sort })).get({ plain: true }));
      } catch (err) {
        if (err instanceof UniqueConstraintError) throw new Conflict(`类别编码 ${input.code} 已存在`, [{ field: 'code', message: '编码已存在' }]);
        throw err;
      }
    },
    async update(actor: Actor, code: string, input: CategoryInput) {
      admin(actor);
      const [n] = await Category.update(input, { where: { code } });
      if (n !== 1) throw new NotFound(`没有编码为 ${code} 的类别`);
      return categoryView((await Category.findOne({ where: { code }, raw: true }))!);
    },
  };
}

export type CategoryService = ReturnType<typeof createCategoryService>;
