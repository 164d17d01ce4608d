import { z } from 'zod';

export const WechatSignIn = z.object({ code: z.string().min(1).max(128) }).strict().meta({ id: 'WechatSignIn' });
export const StaffSignIn = z.object({ username: z.string().trim().min(1).max(32), password: z.string().min(1).max(128) }).strict().meta({ id: 'StaffSignIn' });
export const RefreshRequest = z.object({ refreshToken: z.string().min(10).max(128) }).strict().meta({ id: 'RefreshRequest' });
export const DevPhoneQuery = z.object({ phone: z.string().regex(/^1\d{10}$/, '手机号应为 1 开头的 11 位数字') });
export const PhoneGrant = z.object({ code: z.string().trim().min(1, '缺少授权码').max(128) }).strict();
export const VerifiedPhone = z.object({ phone: z.string(), landlordHouses: z.number().int() });
export const DevCodeQuery = z.object({ name: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, '演示账号名为 1–32 位字母、数字、下划线或连字符') });

const StaffUser = z.object({ kind: z.literal('staff'), id: z.number().int(), username: z.string(), displayName: z.string(), role: z.string(), roleName: z.string(), regionId: z.number().int(), unitId: z.number().int().nullable() });
const ResidentUser = z.object({ kind: z.literal('resident'), id: z.number().int(), nickname: z.string().nullable(), phone: z.string().nullable().optional() });
export const User = z.discriminatedUnion('kind', [StaffUser, ResidentUser]).meta({ id: 'User' });
export const SessionGrant = z.object({
  accessToken: z.string(), tokenType: z.literal('Bearer'), expiresAt: z.string(), expiresIn: z.number().int(), refreshToken: z.string(), refreshExpiresAt: z.string(), refreshExpiresIn: z.number().int(), user: User,
}).meta({ id: 'SessionGrant' });
