// Paging and filters in the URL, as the other list pages keep them: a view can be bookmarked, and Back from
// a detail page returns to it.
import type { TablePaginationConfig } from 'antd';

export const PAGE_SIZES = [10, 20, 50, 100];
export const DEFAULT_PAGE_SIZE = 20;

export function positiveInt(value: string | null): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Writes the non-empty values, page and page size (when not the default) into a query string. */
export function toSearchParams(values: Record<string, string | number | undefined | null>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    const text = String(value).trim();
    if (!text) continue;
    if (key === 'page' && text === '1') continue;
    if (key === 'pageSize' && text === String(DEFAULT_PAGE_SIZE)) continue;
    out.set(key, text);
  }
  return out;
}

/** The server's paging, with the size picker named for what it is (antd's Chinese locale says 页码). */
export function pagination(
  page: number,
  pageSize: number,
  total: number | undefined,
  unit: string,
): TablePaginationConfig {
  return {
    current: page,
    pageSize,
    total: total ?? 0,
    pageSizeOptions: PAGE_SIZES,
    showSizeChanger: true,
    showTotal: (n) => `共 ${n} ${unit}`,
    locale: { page_size: '每页条数' },
  };
}

/** A new page size makes the old page number meaningless; start again from the first page. */
export function nextPage(change: TablePaginationConfig, pageSize: number): { page: number; pageSize: number } {
  const size = change.pageSize ?? pageSize;
  return { page: size === pageSize ? change.current ?? 1 : 1, pageSize: size };
}
