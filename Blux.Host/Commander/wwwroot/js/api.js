// Calls the same /v1 API as any client; the session cookie stands for the identity's token on the
// server, and every action echoes the session's antiforgery token.
let antiforgery = null;
let onUnauthorized = () => {};

export function setAntiforgery(token) { antiforgery = token; }

// A 401 means the session is gone (its token expired, a restart, a disabled identity).
export function whenUnauthorized(handler) { onUnauthorized = handler; }

export class ApiError extends Error {
  constructor(status, envelope) {
    const error = envelope?.error;
    super(error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = error?.code ?? 'HTTP_ERROR';
    this.details = error?.details ?? {};
    this.auditId = error?.audit_id ?? null;
  }
}

export async function api(path, { method = 'GET', body, raw = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && antiforgery) headers['X-Blux-Antiforgery'] = antiforgery;
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : (typeof body === 'string' ? body : JSON.stringify(body)),
  });
  if (raw) return response;
  const payload = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.status === 401) onUnauthorized();
  if (!response.ok) throw new ApiError(response.status, payload);
  return payload;
}

export function describe(error) {
  if (error instanceof ApiError) {
    const issue = error.details?.issue ? ` (${error.details.issue})` : '';
    return `${error.status} ${error.code}: ${error.message}${issue}`;
  }
  return String(error?.message ?? error);
}
