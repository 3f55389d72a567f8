import { expect } from 'vitest';
import type { Client } from './api.js';

/**
 * Creates an account as the 安全管理员. Since 三员分立's two-person rule an account with a role
 * that reads proposal content (or an administrator role) is filed for approval (202); a second
 * administrator (`approver`) approves it here. Answers the account as GET /users/:id shows it.
 */
export async function createApproved(secadmin: Client, approver: Client, body: Record<string, unknown>) {
  const r = await secadmin.post('/api/v1/users', body);
  if (r.status === 201) return r.body;
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  const approved = await approver.post(`/api/v1/admin-requests/${r.body.request.id}/approve`, {});
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  const found = await secadmin.get(`/api/v1/users?q=${encodeURIComponent(String(body.username))}`);
  const user = found.body.items.find((u: { username: string }) => u.username === body.username);
  expect(user).toBeTruthy();
  return user;
}
