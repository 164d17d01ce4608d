// CSV imports of houses, the population base and other departments' rental reports. A file is read twice,
// streaming: the first pass checks every line (and every reference) and records progress; only a file with
// no bad line is applied, in one transaction, so an import is applied whole or not at all.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse';
import { Op, type Sequelize, type Transaction } from 'sequelize';
import type { Actor } from '../../actor';
import type { Clock } from '../../clock';
import { Forbidden, Invalid, NotFound, Unauthenticated } from '../../errors';
import type { GridModels } from '../grid';
import { mayResidence } from './access';
import { maskIdNumber } from './id-number';
import { IMPORT_KINDS, missingColumns, parseHouseLine, parsePopulationLine, parseRentalLine, type LineError, type Parsed } from './import-rules';
import { iso, type DeclarationModels, type ImportAttrs, type ImportKind } from './model';
import type { PiiCipher } from './pii';

export const IMPORT_STATUSES = { running: '导入中', done: '已完成', failed: '未导入（有错误行）' } as const;
const MAX_ERRORS = 1000;
const BATCH = 1000;

type Line = { line: number; record: Record<string, string> };

/**
 * An import kind of another domain (the fee ledgers): its columns, its line rule and how a checked batch is
 * written. The runner gives it the same two passes, progress, line errors and all-or-nothing apply.
 */
export interface Importer {
  label: string;
  required: string[];
  parse(record: Record<string, string>, now: Date): Parsed<unknown>;
  /** The same key twice in one file is a line error. */
  key?(row: unknown): string | null;
  apply(rows: unknown[], importId: number, t: Transaction): Promise<void>;
  /** Look-ups a line's fields need (a code that must exist), for a batch of well-formed rows: the errors of each. */
  check?(rows: unknown[]): Promise<LineError[][]>;
  /** After the apply pass has committed and the import is done (caches and derived rows can refresh now); must not throw. */
  committed?(): void | Promise<void>;
}

/** JSON lines (one object per line): the keys are the columns, values are read as text like CSV cells. */
async function* jsonLineBatches(file: string): AsyncGenerator<{ header: string[]; lines: Line[] }> {
  const readline = await import('node:readline');
  const header = new Set<string>();
  let lines: Line[] = [];
  let n = 0;
  for await (const text of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) {
    n++;
    if (!text.trim()) continue;
    let value: unknown;
    try { value = JSON.parse(text); } catch { value = null; }
    const record: Record<string, string> = {};
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) { header.add(k); record[k] = v === null || v === undefined ? '' : String(v); }
    } else record.__invalid = 'json';
    lines.push({ line: n, record });
    if (lines.length >= BATCH) { yield { header: [...header], lines }; lines = []; }
  }
  yield { header: [...header], lines };
}

/** Streams a CSV file in batches of records with their line numbers; the header line is line 1. */
async function* batches(file: string, jsonLines = false): AsyncGenerator<{ header: string[]; lines: Line[] }> {
  if (jsonLines) { yield* jsonLineBatches(file); return; }
  let header: string[] = [];
  const parser = fs.createReadStream(file).pipe(parse({
    bom: true, skip_empty_lines: true, trim: true, relax_column_count: true, info: true,
    columns: (h: string[]) => { header = h.map((c) => c.trim().toLowerCase()); return header; },
  }));
  let lines: Line[] = [];
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    lines.push({ line: info.lines, record });
    if (lines.length >= BATCH) { yield { header, lines }; lines = []; }
  }
  yield { header, lines };
}

export function createImportService(deps: { sequelize: Sequelize; models: DeclarationModels & GridModels; clock: Clock; pii: PiiCipher; importers?: Record<string, Importer> }) {
  const { sequelize, models, clock, pii } = deps;
  const { DataImport, House, PopulationRecord, RentalReport, Grid, Region } = models;
  /** Imports running in this process, so that tests and shutdown can wait for them. */
  const running = new Map<number, Promise<void>>();
  /** Progress while the apply pass holds its transaction (SQLite allows no other writer meanwhile). */
  const progress = new Map<number, number>();

  function view(r: ImportAttrs) {
    const errors = typeof r.errors === 'string' ? JSON.parse(r.errors) : r.errors ?? [];
    return {
      id: r.id, kind: r.kind, kindName: IMPORT_KINDS[r.kind as ImportKind] ?? deps.importers?.[r.kind]?.label ?? r.kind, filename: r.filename, status: r.status, statusName: IMPORT_STATUSES[r.status],
      processedLines: progress.get(r.id) ?? r.processedLines, appliedLines: r.appliedLines, errorCount: r.errorCount, errors, createdAt: iso(r.createdAt), finishedAt: iso(r.finishedAt),
    };
  }

  function importer(actor: Actor) {
    if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
    if (!mayResidence(actor, 'import')) throw new Forbidden('只有督办员和系统管理员可以导入数据');
    return actor;
  }

  /** Grid codes and house references of one batch, looked up at once. */
  async function references(kind: ImportKind, rows: Parsed<unknown>[], transaction?: Transaction) {
    const grids = new Map<string, { id: number; regionId: number; path: string }>();
    const houses = new Map<string, number>();
    if (kind === 'houses') {
      const codes = [...new Set(rows.filter((r) => r.ok).map((r) => (r as { row: { gridCode: string } }).row.gridCode))];
      const found = await Grid.findAll({ where: { code: codes }, attributes: ['id', 'code', 'regionId'], raw: true, transaction });
      const paths = new Map((await Region.findAll({ where: { id: [...new Set(found.map((g) => g.regionId))] }, attributes: ['id', 'path'], raw: true, transaction })).map((r) => [r.id, r.path]));
      for (const g of found) grids.set(g.code, { id: g.id, regionId: g.regionId, path: paths.get(g.regionId)! });
    }
    if (kind === 'rental_reports') {
      const ok = rows.filter((r) => r.ok).map((r) => (r as { row: { houseCode: string | null; address: string | null } }).row);
      const codes = [...new Set(ok.map((r) => r.houseCode).filter((c): c is string => Boolean(c)))];
      const addresses = [...new Set(ok.filter((r) => !r.houseCode).map((r) => r.address!))];
      const found = await House.findAll({ where: { [Op.or]: [{ code: codes }, { address: addresses }] }, attributes: ['id', 'code', 'address'], raw: true, transaction });
      for (const h of found) { houses.set(`code:${h.code}`, h.id); houses.set(`address:${h.address}`, h.id); }
    }
    return { grids, houses };
  }

  function parseLine(kind: ImportKind, record: Record<string, string>): Parsed<unknown> {
    const today = clock.now();
    const other = deps.importers?.[kind];
    if (other) return record.__invalid ? { ok: false, errors: [{ field: 'line', message: '不是有效的 JSON 对象' }] } : other.parse(record, today);
    return kind === 'houses' ? parseHouseLine(record) : kind === 'population' ? parsePopulationLine(record, today) : parseRentalLine(record, today);
  }

  function referenceErrors(kind: ImportKind, parsed: Parsed<unknown>, refs: Awaited<ReturnType<typeof references>>): LineError[] {
    if (!parsed.ok) return parsed.errors;
    if (deps.importers?.[kind]) return [];
    if (kind === 'houses' && !refs.grids.has((parsed.row as { gridCode: string }).gridCode)) return [{ field: 'grid_code', message: '网格不存在' }];
    if (kind === 'rental_reports') {
      const r = parsed.row as { houseCode: string | null; address: string | null };
      const key = r.houseCode ? `code:${r.houseCode}` : `address:${r.address}`;
      if (!refs.houses.has(key)) return [{ field: r.houseCode ? 'house_code' : 'address', message: r.houseCode ? '房屋编码不存在' : '找不到该地址的房屋' }];
    }
    return [];
  }

  async function apply(kind: ImportKind, importId: number, lines: Line[], t: Transaction) {
    const parsed = lines.map((l) => parseLine(kind, l.record));
    const other = deps.importers?.[kind];
    if (other) { await other.apply(parsed.map((p) => (p as unknown as { row: unknown }).row), importId, t); return; }
    const refs = await references(kind, parsed, t);
    const now = clock.now();
    const rows = parsed.map((p) => (p as unknown as { row: never }).row);
    if (kind === 'houses') {
      await House.bulkCreate(rows.map((r: ReturnType<typeof parseHouseLine> extends Parsed<infer T> ? T : never) => {
        const g = refs.grids.get(r.gridCode)!;
        return { code: r.code, address: r.address, building: r.building, floor: r.floor, room: r.room, use: r.use, capacity: r.capacity, landlordName: r.landlordName,
          landlordPhone: r.landlordPhone, gridId: g.id, regionId: g.regionId, regionPath: g.path, createdAt: now, updatedAt: now };
      }), { transaction: t, updateOnDuplicate: ['address', 'building', 'floor', 'room', 'use', 'capacity', 'landlordName', 'landlordPhone', 'gridId', 'regionId', 'regionPath', 'updatedAt'] });
    } else if (kind === 'population') {
      await PopulationRecord.bulkCreate(rows.map((r: { idNumber: string; name: string; registeredAddress: string | null }) => ({
        idHash: pii.index(r.idNumber), idCipher: pii.encrypt(r.idNumber), name: r.name, registeredAddress: r.registeredAddress, createdAt: now, updatedAt: now,
      })), { transaction: t, updateOnDuplicate: ['idCipher', 'name', 'registeredAddress', 'updatedAt'] });
    } else {
      await RentalReport.bulkCreate(rows.map((r: { houseCode: string | null; address: string | null; idNumber: string | null; occupancy: 'occupied' | 'vacant'; source: string; reportedOn: string }) => ({
        importId, houseId: refs.houses.get(r.houseCode ? `code:${r.houseCode}` : `address:${r.address}`)!, houseCode: r.houseCode, address: r.address,
        idHash: r.idNumber ? pii.index(r.idNumber) : null, idCipher: r.idNumber ? pii.encrypt(r.idNumber) : null, idMasked: r.idNumber ? maskIdNumber(r.idNumber) : null,
        occupancy: r.occupancy, source: r.source, reportedOn: r.reportedOn, createdAt: now,
      })), { transaction: t });
    }
  }

  async function run(id: number, kind: ImportKind, file: string, jsonLines = false, onProgress?: (lines: number) => void): Promise<void> {
    const other = deps.importers?.[kind];
    const errors: { line: number; field: string; message: string }[] = [];
    let errorCount = 0, processed = 0;
    const seen = new Set<string>();
    try {
      // Pass 1: check every line; nothing is written but progress.
      for await (const { header, lines } of batches(file, jsonLines)) {
        if (processed === 0) {
          const missing = other ? (jsonLines ? [] : other.required.filter((c) => !header.includes(c))) : missingColumns(kind, header);
          if (missing.length) { errorCount++; errors.push({ line: 1, field: missing.join(','), message: `缺少列：${missing.join('、')}` }); break; }
        }
        const parsed = lines.map((l) => parseLine(kind, l.record));
        const refs = await references(kind, parsed);
        const okRows = parsed.filter((p) => p.ok).map((p) => (p as { row: unknown }).row);
        const checked = other?.check ? await other.check(okRows) : [];
        let okIndex = 0;
        parsed.forEach((p, i) => {
          const found = [...referenceErrors(kind, p, refs), ...(p.ok && other?.check ? checked[okIndex++] ?? [] : [])];
          // The same house or person twice in one file is a mistake of the file, not an update.
          const key = p.ok ? other ? other.key?.(p.row) ?? null : (kind === 'houses' ? (p.row as { code: string }).code : kind === 'population' ? (p.row as { idNumber: string }).idNumber : null) : null;
          if (key !== null) { if (seen.has(key)) found.push({ field: other ? 'line' : kind === 'houses' ? 'code' : 'id_number', message: '与前面的行重复' }); else seen.add(key); }
          for (const e of found) { errorCount++; if (errors.length < MAX_ERRORS) errors.push({ line: lines[i].line, ...e }); }
        });
        processed += lines.length;
        onProgress?.(processed);
        await DataImport.update({ processedLines: processed, errorCount }, { where: { id } });
      }
      seen.clear();
      if (errorCount > 0 || processed === 0) {
        if (processed === 0 && !errorCount) { errorCount = 1; errors.push({ line: 1, field: 'file', message: '文件中没有数据行' }); }
        await DataImport.update({ status: 'failed', errorCount, errors, finishedAt: clock.now() }, { where: { id } });
        return;
      }
      // Pass 2: apply, all or nothing.
      let applied = 0;
      await sequelize.transaction(async (t) => {
        for await (const { lines } of batches(file, jsonLines)) {
          if (!lines.length) continue;
          await apply(kind, id, lines, t);
          applied += lines.length;
          progress.set(id, processed + applied);
          onProgress?.(processed + applied);
        }
      });
      await DataImport.update({ status: 'done', appliedLines: applied, processedLines: processed, finishedAt: clock.now() }, { where: { id } });
      // Work that follows from the committed rows (a cache refreshed, derived rows recomputed) comes after the
      // import is done: it may take a while, and `settled()` still waits for it. It deals with its own errors.
      await other?.committed?.();
    } catch (err) {
      const message = /Invalid Record Length|Quote|CSV/i.test(String((err as Error).message)) ? 'CSV 格式有误（引号或列数不匹配）' : '导入失败，数据未写入';
      await DataImport.update({ status: 'failed', errorCount: errorCount + 1, errors: [...errors, { line: processed + 2, field: 'file', message }], finishedAt: clock.now() }, { where: { id } });
    } finally {
      progress.delete(id);
      fs.rm(file, { force: true }, () => {});
    }
  }

  return {
    async start(actor: Actor, kind: string, upload: { path: string; name: string }) {
      const me = importer(actor);
      if (!(kind in IMPORT_KINDS) && !deps.importers?.[kind]) throw new Invalid(`没有这种导入：${kind}`, [{ field: 'kind', message: '不支持的导入类型' }]);
      const row = await DataImport.create({ kind: kind as ImportKind, filename: upload.name.slice(0, 200), status: 'running', errors: [], createdBy: me.id });
      const id = row.get('id') as number;
      running.set(id, run(id, kind as ImportKind, upload.path, /\.(jsonl|ndjson)$/i.test(upload.name)).finally(() => running.delete(id)));
      return view(row.get({ plain: true }));
    },
    async get(actor: Actor, id: number) {
      importer(actor);
      const row = await DataImport.findByPk(id, { raw: true });
      if (!row) throw new NotFound('没有这次导入');
      return view(row);
    },
    async list(actor: Actor, kind?: string) {
      importer(actor);
      const rows = await DataImport.findAll({ where: kind ? { kind } : {}, order: [['id', 'DESC']], limit: 50, raw: true });
      return { items: rows.map((r) => ({ ...view(r), errors: [] })) };
    },
    /** For the command line: imports a file as the system, reporting processed lines; answers the import's outcome. */
    async importFile(kind: string, file: string, onProgress?: (lines: number) => void) {
      if (!(kind in IMPORT_KINDS) && !deps.importers?.[kind]) throw new Invalid(`没有这种导入：${kind}`);
      const row = await DataImport.create({ kind: kind as ImportKind, filename: path.basename(file).slice(0, 200), status: 'running', errors: [], createdBy: null });
      const id = row.get('id') as number;
      // The runner deletes its file when done: give it a copy, the caller's file stays.
      const copy = path.join(os.tmpdir(), `weave-import-${id}-${path.basename(file)}`);
      fs.copyFileSync(file, copy);
      await run(id, kind as ImportKind, copy, /\.(jsonl|ndjson)$/i.test(file), onProgress);
      return view((await DataImport.findByPk(id, { raw: true }))!);
    },

    /** Resolves when every import started in this process has finished. */
    async settled(): Promise<void> {
      await Promise.allSettled([...running.values()]);
    },
  };
}
export type ImportService = ReturnType<typeof createImportService>;
