// Parses the Python-literal text pandas writes for list/dict cells: [{'role': 'user', 'audio_file': None}].

/**
 * Parses a Python literal made of lists, tuples, dicts, strings (single, double or triple quoted,
 * with backslash escapes), ints, floats, True, False and None. Throws on anything else.
 */
export function parsePythonLiteral(text: string): unknown {
  let i = 0;
  const fail = (msg: string): never => {
    throw new Error(`${msg} at character ${i + 1}`);
  };
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };

  const str = (): string => {
    // Optional prefixes (r, u, b) are accepted; raw strings skip escape handling.
    let raw = false;
    while (/[rRuUbB]/.test(text[i])) {
      if (text[i] === "r" || text[i] === "R") raw = true;
      i++;
    }
    const q = text[i];
    const triple = text.startsWith(q.repeat(3), i);
    const close = triple ? q.repeat(3) : q;
    i += close.length;
    let out = "";
    while (i < text.length) {
      if (text.startsWith(close, i)) {
        i += close.length;
        return out;
      }
      const c = text[i];
      if (c === "\\" && !raw) {
        const e = text[i + 1];
        i += 2;
        const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0", a: "\x07", b: "\b", f: "\f", v: "\v", "\n": "" };
        if (e in simple) out += simple[e];
        else if (e === "x") (out += String.fromCharCode(parseInt(text.slice(i, i + 2), 16))), (i += 2);
        else if (e === "u") (out += String.fromCharCode(parseInt(text.slice(i, i + 4), 16))), (i += 4);
        else if (e === "U") (out += String.fromCodePoint(parseInt(text.slice(i, i + 8), 16))), (i += 8);
        else out += "\\" + e;
        continue;
      }
      if (!triple && c === "\n") fail("newline inside a string");
      out += c;
      i++;
    }
    return fail("unterminated string");
  };

  const seq = (end: string): unknown[] => {
    const items: unknown[] = [];
    i++;
    ws();
    while (text[i] !== end) {
      items.push(value());
      ws();
      if (text[i] === ",") (i++, ws());
      else if (text[i] !== end) fail(`expected "," or "${end}"`);
    }
    i++;
    return items;
  };

  const dict = (): Record<string, unknown> => {
    const obj: Record<string, unknown> = {};
    i++;
    ws();
    while (text[i] !== "}") {
      const k = value();
      if (typeof k !== "string" && typeof k !== "number") fail("dict keys must be strings or numbers");
      ws();
      if (text[i] !== ":") fail('expected ":"');
      i++;
      obj[String(k)] = value();
      ws();
      if (text[i] === ",") (i++, ws());
      else if (text[i] !== "}") fail('expected "," or "}"');
    }
    i++;
    return obj;
  };

  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === undefined) return fail("unexpected end of input");
    if (c === "[") return seq("]");
    if (c === "(") return seq(")");
    if (c === "{") return dict();
    if (c === "'" || c === '"' || (/[rRuUbB]/.test(c) && /['"]/.test(text[i + 1] ?? ""))) return str();
    for (const [word, v] of [["None", null], ["True", true], ["False", false], ["nan", NaN]] as const) {
      if (text.startsWith(word, i) && !/\w/.test(text[i + word.length] ?? "")) {
        i += word.length;
        return v;
      }
    }
    const num = /^-?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+)/.exec(text.slice(i));
    if (num) {
      i += num[0].length;
      return Number(num[0]);
    }
    return fail(`unexpected "${c}"`);
  };

  const result = value();
  ws();
  if (i < text.length) fail("unexpected text after the value");
  return result;
}
