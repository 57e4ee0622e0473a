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

type JsonParse = { ok: true; value: unknown } | { ok: false; path: string; message: string };

// A \u0000 escape (after an even run of backslashes, so not a literal "\\u0000"): PostgreSQL text cannot hold NUL.
const NUL_ESCAPE = /(?<!\\)(?:\\\\)*\\u0000/;

// A \uD800-\uDFFF escape: half of a UTF-16 pair, well-formed only next to its other half.
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isWellFormed = (text: string) => !LONE_SURROGATE.test(text);

// A key with a lone surrogate is named with U+FFFD in its place, so the answer itself is valid text.
const pathOf = (parent: string, key: string | number) =>
  typeof key === "number" ? `${parent}[${key}]` : `${parent ? `${parent}.` : ""}${key.replace(new RegExp(LONE_SURROGATE, "g"), "\uFFFD")}`;

/**
 * The path of the first string (or key) holding a lone UTF-16 surrogate ("\ud800" without its pair), or null.
 * JSON allows one, but no UTF-8 text can hold it: Postgres refuses it in jsonb and text alike.
 */
export function loneSurrogatePath(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, ""]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [item, path] = next;
    if (typeof item === "string") {
      if (!isWellFormed(item)) return path || "(body)";
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push([item[i], pathOf(path, i)]);
    } else if (item && typeof item === "object") {
      for (const [key, child] of Object.entries(item)) {
        if (!isWellFormed(key)) return pathOf(path, key);
        stack.push([child, pathOf(path, key)]);
      }
    }
  }
  return null;
}

export function parseJsonBody(text: string): JsonParse {
  if (text.includes("\0") || NUL_ESCAPE.test(text)) return { ok: false, path: "(body)", message: "The body contains a NUL character (\\u0000), which no text field can store; remove it." };
  let value: unknown;
  try {
    value = JSON.parse(quoteLongIntegers(text));
  } catch (error) {
    return { ok: false, path: "(body)", message: `The body is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  // Most bodies have no surrogate escape at all; only those that do are walked.
  const lone = SURROGATE_ESCAPE.test(text) ? loneSurrogatePath(value) : null;
  if (lone) return { ok: false, path: lone, message: "Contains a lone UTF-16 surrogate (like \\ud800 without its pair), which is not text; send valid Unicode." };
  return { ok: true, value };
}

/**
 * A parsed JSON value that PostgreSQL text and jsonb can hold: NUL characters dropped and lone surrogates replaced
 * (U+FFFD), in keys and strings alike. For bodies we must record rather than refuse, as a signed event from a mail
 * provider, which a refusal would only have sent again and again.
 */
export function storableJson(value: unknown): unknown {
  if (typeof value === "string") return storableText(value);
  if (Array.isArray(value)) return value.map(storableJson);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, child]) => [storableText(key), storableJson(child)]));
  return value;
}

const storableText = (text: string) => text.replaceAll("\u0000", "").replace(new RegExp(LONE_SURROGATE, "g"), "\uFFFD");
