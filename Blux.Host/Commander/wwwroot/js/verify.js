import { canonicalize } from './jcs.js';

// An audit record checked where it is shown: record_hash recomputed over the JCS form of the record
// without record_hash and signature, then the ES512 signature over the ASCII of record_hash checked
// against the audit key the JWKS publishes under the record's key_id.
const encoder = new TextEncoder();

export async function loadAuditKeys() {
  const response = await fetch('/.well-known/jwks.json', { headers: { Accept: 'application/json' } });
  const jwks = await response.json();
  return new Map((jwks.keys ?? []).map((key) => [key.kid, key]));
}

export async function verifyRecord(record, keys) {
  if (!globalThis.crypto?.subtle) return { ok: false, reason: 'webcrypto_unavailable (needs HTTPS or localhost)' };
  try {
    const { record_hash: recordHash, signature, ...unsealed } = record;
    const digest = await crypto.subtle.digest('SHA-256', encoder.encode(canonicalize(unsealed)));
    if (`sha256-${hex(digest)}` !== recordHash) return { ok: false, reason: 'record_hash_mismatch' };
    const jwk = keys.get(record.key_id);
    if (!jwk) return { ok: false, reason: 'key_not_published' };
    if (typeof signature !== 'string' || !signature.startsWith('es512-')) return { ok: false, reason: 'malformed_signature' };
    const key = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-521', x: jwk.x, y: jwk.y, ext: true },
      { name: 'ECDSA', namedCurve: 'P-521' }, false, ['verify']);
    const valid = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-512' }, key,
      base64url(signature.slice('es512-'.length)), encoder.encode(recordHash));
    return valid ? { ok: true, reason: 'verified' } : { ok: false, reason: 'bad_signature' };
  } catch (error) {
    return { ok: false, reason: `unverifiable: ${error.message}` };
  }
}

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

function base64url(text) {
  const padded = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}
