// Query-string shapes shared by the list endpoints of every domain.
import { z } from 'zod';

/** `?page=&pageSize=`: pages from 1, at most 100 items a page. */
export const Paging = z.object({ page: z.coerce.number().int().min(1).max(100000).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(20) });
