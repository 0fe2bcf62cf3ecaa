// RFC 8785 (JCS): the canonical form Blux hashes and signs. ECMAScript's own number and string
// serialization is what the RFC specifies; members are sorted by UTF-16 code units.
export function canonicalize(value) {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean': return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new Error('JCS has no form for a non-finite number');
      return JSON.stringify(value);
    case 'string': return JSON.stringify(value);
    case 'object':
      if (Array.isArray(value)) return `[${value.map(canonicalize).join(',')}]`;
      return `{${Object.keys(value).sort(byCodeUnits)
        .filter((key) => value[key] !== undefined)
        .map((key) => `${JSON.stringify(key)}:${canonicalize(value[key])}`).join(',')}}`;
    default: throw new Error(`JCS has no form for ${typeof value}`);
  }
}

function byCodeUnits(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
