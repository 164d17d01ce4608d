// Environment -> typed config, validated once at start. Defaults serve the embedded demo; production
// (NODE_ENV=production) must name its database, WeChat credentials and secrets explicitly.
import path from 'node:path';
import fs from 'node:fs';
import crypto from 'node:crypto';
import { z } from 'zod';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const key32 = z.string().refine((v) => /^[0-9a-f]{64}$/i.test(v), 'must be 64 hex characters (32 bytes)');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).optional(),
  DATABASE_URL: z.string().regex(/^(sqlite:|mysql:\/\/|mariadb:\/\/)/, 'must start with sqlite:, mysql:// or mariadb://').optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  WECHAT_API_BASE: z.url().optional(),
  WECHAT_APPID: z.string().min(1).optional(),
  WECHAT_SECRET: z.string().min(1).optional(),
  WECHAT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(5000),
  WECHAT_BREAKER_MS: z.coerce.number().int().min(0).max(600000).default(15000),
  TOKEN_KEY: key32.optional(),
  ENCRYPTION_KEY: key32.optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  CORS_ORIGINS: z.string().optional(),
  JSON_BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'must look like 256kb or 1mb').default('256kb'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool.default(false),
  DEMO_SEED: bool.optional(),
  CITY_TIMEZONE: z.string().min(1).default('Asia/Shanghai'),
  PUBLIC_BASE_URL: z.url().optional(),
  EVENT_CODE_PREFIX: z.string().regex(/^[A-Z]{1,8}$/, 'must be 1–8 capital letters').default('BA'),
  MEDIA_DIR: z.string().min(1).optional(),
  PHOTO_MAX_MB: z.coerce.number().int().min(1).max(50).default(10),
  PHOTO_MAX_MEGAPIXELS: z.coerce.number().int().min(1).max(200).default(64),
  // Subscribe-message templates of the city's mini-program account: {"event_progress":"<template id>",…}.
  WECHAT_TEMPLATE_IDS: z.string().optional().transform((v, ctx) => {
    if (!v) return {} as Record<string, string>;
    try {
      const o = JSON.parse(v) as unknown;
      if (typeof o === 'object' && o !== null && !Array.isArray(o) && Object.values(o).every((x) => typeof x === 'string' && x.length > 0 && x.length <= 64)) return o as Record<string, string>;
    } catch { /* reported below */ }
    ctx.addIssue({ code: 'custom', message: 'must be a JSON object of template key → template id' });
    return z.NEVER;
  }),
  // The token of the mini-program's message push (消息推送) configured in the WeChat console.
  WECHAT_PUSH_TOKEN: z.string().min(3).max(32).optional(),
  NOTICE_CAP_PER_DAY: z.coerce.number().int().min(0).max(100).default(1),
  NOTICE_CAP_PER_WEEK: z.coerce.number().int().min(0).max(500).default(3),
  NOTICE_QUIET_HOURS: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'must look like 22:00-08:00').default('22:00-08:00'),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  production: boolean;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  databasePoolMax: number;
  wechat: { apiBase?: string; appId: string; secret: string; timeoutMs: number; breakerMs: number; templateIds: Record<string, string>; pushToken: string };
  /** Targeted notices: at most so many per person per city day and per seven days; none in quiet hours. */
  notices: { capPerDay: number; capPerWeek: number; quietHours: string };
  secrets: { tokenKey?: string; encryptionKey?: string };
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  corsOrigins: string[];
  jsonBodyLimit: string;
  logLevel: string;
  trustProxy: boolean;
  demoSeed: boolean;
  /** dev: codes from the WeChat stand-in are accepted only outside production. */
  devSignIn: boolean;
  cityTimezone: string;
  publicBaseUrl?: string;
  eventCodePrefix: string;
  mediaDir: string;
  photoMaxBytes: number;
  photoMaxPixels: number;
}

export class ConfigError extends Error {
  constructor(message: string) { super(message); this.name = 'ConfigError'; }
}

/** Reads and validates the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment: ${lines.join('; ')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production) {
    for (const name of ['DATABASE_URL', 'WECHAT_API_BASE', 'WECHAT_APPID', 'WECHAT_SECRET', 'TOKEN_KEY', 'ENCRYPTION_KEY'] as const) {
      if (!e[name]) throw new ConfigError(`Invalid environment: ${name} is required when NODE_ENV=production`);
    }
  }
  const dataDir = path.resolve(e.DATA_DIR ?? path.join(REPO_ROOT, 'data'));
  const defaultOrigins = production ? '' : 'http://localhost:3000,http://127.0.0.1:3000,http://localhost:5173,http://localhost:10086';
  return {
    env: e.NODE_ENV,
    production,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'weave.sqlite')}`,
    databasePoolMax: e.DATABASE_POOL_MAX,
    wechat: {
      apiBase: e.WECHAT_API_BASE,
      appId: e.WECHAT_APPID ?? 'wx0000000000demo',
      secret: e.WECHAT_SECRET ?? 'demo-secret',
      timeoutMs: e.WECHAT_TIMEOUT_MS,
      breakerMs: e.WECHAT_BREAKER_MS,
      templateIds: e.WECHAT_TEMPLATE_IDS,
      // Without a token in production every push is refused (photos then wait for a moderator), never trusted.
      pushToken: e.WECHAT_PUSH_TOKEN ?? (production ? '' : 'weave-dev-push-token'),
    },
    notices: { capPerDay: e.NOTICE_CAP_PER_DAY, capPerWeek: e.NOTICE_CAP_PER_WEEK, quietHours: e.NOTICE_QUIET_HOURS },
    secrets: { tokenKey: e.TOKEN_KEY, encryptionKey: e.ENCRYPTION_KEY },
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
    corsOrigins: (e.CORS_ORIGINS ?? defaultOrigins).split(',').map((s) => s.trim()).filter(Boolean),
    jsonBodyLimit: e.JSON_BODY_LIMIT,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    demoSeed: e.DEMO_SEED ?? !production,
    devSignIn: !production,
    cityTimezone: e.CITY_TIMEZONE,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    eventCodePrefix: e.EVENT_CODE_PREFIX,
    mediaDir: path.resolve(e.MEDIA_DIR ?? path.join(dataDir, 'media')),
    photoMaxBytes: e.PHOTO_MAX_MB * 1024 * 1024,
    photoMaxPixels: e.PHOTO_MAX_MEGAPIXELS * 1_000_000,
  };
}

export interface Secrets { tokenKey: Buffer; encryptionKey: Buffer }

/**
 * Secrets come from the environment in production. In demo mode they are generated once into the data
 * folder so that tokens survive a restart; the file is readable by its owner only.
 */
export function resolveSecrets(config: Config): Secrets {
  const { tokenKey, encryptionKey } = config.secrets;
  if (tokenKey && encryptionKey) return { tokenKey: Buffer.from(tokenKey, 'hex'), encryptionKey: Buffer.from(encryptionKey, 'hex') };
  if (config.production) throw new ConfigError('TOKEN_KEY and ENCRYPTION_KEY are required when NODE_ENV=production');
  const file = path.join(config.dataDir, 'secrets.json');
  let stored: { tokenKey?: string; encryptionKey?: string } = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, 'utf8'));
  const next = {
    tokenKey: tokenKey ?? stored.tokenKey ?? crypto.randomBytes(32).toString('hex'),
    encryptionKey: encryptionKey ?? stored.encryptionKey ?? crypto.randomBytes(32).toString('hex'),
  };
  if (next.tokenKey !== stored.tokenKey || next.encryptionKey !== stored.encryptionKey) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(next, null, 2), { mode: 0o600 });
  }
  return { tokenKey: Buffer.from(next.tokenKey, 'hex'), encryptionKey: Buffer.from(next.encryptionKey, 'hex') };
}
