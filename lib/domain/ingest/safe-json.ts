/**
 * Order systems (Shopify among them) send 64-bit integer ids such as 820982911946154508, beyond what a
 * JavaScript number holds exactly. This quotes every integer literal longer than 15 digits outside
 * strings before JSON.parse, so ids arrive as exact strings instead of rounded numbers.
 */
export function quoteLongIntegers(json: string): string {
  // Most bodies have no run of 16 digits at all; one native scan spares them the walk below.
  if (!/\d{16}/.test(json)) return json;
  let out = "";
  let last = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const ch = json.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
      continue;
    }
    if (ch === 34) {
      inString = true;
      continue;
    }
    const startsNumber = (ch >= 48 && ch <= 57) || ch === 45; /* 0-9 or - */
    if (!startsNumber) continue;
    let end = i + 1;
    while (end < json.length && /[0-9.eE+-]/.test(json.charAt(end))) end++;
    const literal = json.slice(i, end);
    if (/^-?\d{16,}$/.test(literal)) {
      out += `${json.slice(last, i)}"${literal}"`;
      last = end;
    }
    i = end - 1;
  }
  return last === 0 ? json : out + json.slice(last);
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; message: string };

// A \u0000 escape (after an even run of backslashes, so not a literal "\\u0000"): PostgreSQL text cannot hold NUL.
const NUL_ESCAPE = /(?<!\\)(?:\\\\)*\\u0000/;

export function parseJsonBody(text: string): JsonParse {
  if (text.includes("\0") || NUL_ESCAPE.test(text)) return { ok: false, message: "The body contains a NUL character (\\u0000), which no text field can store; remove it." };
  try {
    return { ok: true, value: JSON.parse(quoteLongIntegers(text)) };
  } catch (error) {
    return { ok: false, message: `The body is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}
