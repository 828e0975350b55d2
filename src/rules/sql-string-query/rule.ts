import { enclosingFunc, unparen } from "../../analysis/astutil.js";
import { defineRule } from "../../analysis/rule.js";
import { funcDeclOf } from "../../analysis/sqlutil.js";
import type { Obj } from "../../semantic/objects.js";
import { isBoolean, isNumeric, isString, under } from "../../semantic/predicates.js";
import type { SemanticModel } from "../../semantic/semantic-model.js";
import type { Type } from "../../semantic/types.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

/** The methods that take SQL text, with the index of that argument. */
const queryArg = new Map<string, number>();
for (const recv of ["DB", "Tx", "Conn"]) {
  for (const m of ["Query", "QueryRow", "Exec", "Prepare"]) {
    queryArg.set(`(*database/sql.${recv}).${m}`, 0);
    queryArg.set(`(*database/sql.${recv}).${m}Context`, 1);
  }
}

/** Functions whose result is made of their arguments only: safe when the arguments are. */
const derivedStringFuncs = new Set(
  [
    "Join",
    "Repeat",
    "ToUpper",
    "ToLower",
    "TrimSpace",
    "Trim",
    "TrimLeft",
    "TrimRight",
    "TrimPrefix",
    "TrimSuffix",
    "Replace",
    "ReplaceAll",
  ].map((f) => `strings.${f}`),
);

/** Functions that format numbers or booleans: their text cannot close a quote. */
const numberFormatFuncs = new Set(
  ["Itoa", "FormatInt", "FormatUint", "FormatFloat", "FormatBool"].map((f) => `strconv.${f}`),
);

/** The methods that append to a strings.Builder or bytes.Buffer. */
const builderWrites = new Set(
  ["strings.Builder", "bytes.Buffer"].flatMap((t) =>
    ["Write", "WriteString", "WriteByte", "WriteRune"].map((m) => `(*${t}).${m}`),
  ),
);

/** What a strings.Builder or bytes.Buffer holds. */
const builderContents = new Set([
  "(*strings.Builder).String",
  "(*bytes.Buffer).String",
  "(*bytes.Buffer).Bytes",
]);

const fprintFuncs = new Set(["fmt.Fprintf", "fmt.Fprint", "fmt.Fprintln"]);

/** A piece of SQL text: constant text, or a value pasted in. */
type Fragment = { text: string } | { operand: ast.Expr };

/** What a variable is set to: an expression, the zero value, a range element, or something unknown. */
type Write =
  /** `=` and `:=`, `+=`, or a write of an element (`s[i] = x`, with the key of a map too) */
  | { kind: "expr"; rhs: ast.Expr; op: "=" | "+=" | "elem" }
  | { kind: "zero" }
  | { kind: "range"; x: ast.Expr; key: boolean }
  | { kind: "unknown" };

interface VarFacts {
  writes: Write[];
  addressed: boolean;
}

/** Every write to every variable of the package, and which variables have their address taken. */
function indexWrites(sem: SemanticModel): Map<Obj, VarFacts> {
  const index = new Map<Obj, VarFacts>();
  const facts = (id: ast.Expr): VarFacts | null => {
    const e = unparen(id);
    if (e.kind !== "Ident" || e.name === "_") return null;
    const obj = sem.objectOf(e);
    if (obj === null || obj.kind !== "Var") return null;
    let f = index.get(obj);
    if (f === undefined) {
      f = { writes: [], addressed: false };
      index.set(obj, f);
    }
    return f;
  };
  // `&b` handed to fmt.Fprintf: a write of the arguments, not an escape of b
  const printedTo = new Set<ast.Node>();
  for (const { file } of sem.checked.files) {
    inspect(file, (n) => {
      switch (n.kind) {
        case "CallExpr": {
          // b.WriteString(x) on a strings.Builder or bytes.Buffer, fmt.Fprintf(&b, ...): what b holds
          const fun = unparen(n.fun);
          const name = sem.calleeName(n);
          if (name === null) break;
          if (fun.kind === "SelectorExpr" && builderWrites.has(name)) {
            const f = facts(fun.x);
            for (const a of n.args) f?.writes.push({ kind: "expr", rhs: a, op: "elem" });
          } else if (fprintFuncs.has(name) && n.args.length > 0) {
            const w = unparen(n.args[0]!);
            if (w.kind !== "UnaryExpr" || w.op !== "&") break;
            const f = facts(w.x);
            if (f === null) break;
            printedTo.add(w);
            for (const a of n.args.slice(1)) f.writes.push({ kind: "expr", rhs: a, op: "elem" });
          }
          break;
        }
        case "AssignStmt": {
          const oneToOne = n.lhs.length === n.rhs.length;
          n.lhs.forEach((lhs, i) => {
            const w: Write =
              oneToOne && (n.tok === "=" || n.tok === ":=")
                ? { kind: "expr", rhs: n.rhs[i]!, op: "=" }
                : oneToOne && n.tok === "+="
                  ? { kind: "expr", rhs: n.rhs[i]!, op: "+=" }
                  : { kind: "unknown" };
            const l = unparen(lhs);
            if (l.kind === "IndexExpr") {
              // an element of a slice, array or map: what the collection holds
              const f = facts(l.x);
              if (f === null) return;
              f.writes.push(w.kind === "expr" ? { kind: "expr", rhs: w.rhs, op: "elem" } : w);
              f.writes.push({ kind: "expr", rhs: l.index, op: "elem" });
            } else facts(lhs)?.writes.push(w);
          });
          break;
        }
        case "ValueSpec":
          n.names.forEach((name, i) => {
            const w: Write =
              n.values.length === 0
                ? { kind: "zero" }
                : n.values.length === n.names.length
                  ? { kind: "expr", rhs: n.values[i]!, op: "=" }
                  : { kind: "unknown" };
            facts(name)?.writes.push(w);
          });
          break;
        case "RangeStmt":
          if (n.key !== null) facts(n.key)?.writes.push({ kind: "range", x: n.x, key: true });
          if (n.value !== null) facts(n.value)?.writes.push({ kind: "range", x: n.x, key: false });
          break;
        case "IncDecStmt":
          facts(n.x)?.writes.push({ kind: "unknown" });
          break;
        case "UnaryExpr":
          if (n.op === "&" && !printedTo.has(n)) {
            const f = facts(n.x);
            if (f !== null) f.addressed = true;
          }
          break;
        default:
          break;
      }
      return true;
    });
  }
  return index;
}

/** The writes of each package, built on the first query call that needs them. */
const writesCache = new WeakMap<SemanticModel, Map<Obj, VarFacts>>();

/** Whether values of type t print as text that cannot end a quote: numbers and booleans. */
function isInert(t: Type | null): boolean {
  if (t === null) return false;
  const u = under(t);
  return u.kind === "Basic" && (isNumeric(u) || isBoolean(u));
}

/** Whether t is a string, or a byte slice (which %s and %v print as text). */
function isTextType(t: Type | null): boolean {
  if (t === null) return false;
  const u = under(t);
  if (u.kind === "Basic") return isString(u);
  return u.kind === "Slice" && u.elem.kind === "Basic" && u.elem.name === "byte";
}

/** A variable declared in a function body (not a parameter, field or package variable). */
function isLocal(obj: Obj): boolean {
  return obj.kind === "Var" && !obj.isField && !obj.isParam && obj.parent !== obj.pkg?.scope;
}

/**
 * Whether the text before a pasted value puts it where a placeholder could stand: inside a
 * quoted SQL literal, after a comparison, after LIKE, IN (, VALUES (, BETWEEN, LIMIT or OFFSET,
 * or after a comma in an IN or VALUES list. Table and column names (after FROM, JOIN, INTO, a
 * backquote) and whole clauses (after WHERE, AND) cannot be placeholders: there the rule is silent.
 */
export function inValuePosition(text: string): boolean {
  let single = 0;
  let double = 0;
  for (const ch of text) {
    if (ch === "'") single++;
    else if (ch === '"') double++;
  }
  if (single % 2 === 1) return true;
  let t = text;
  if (double % 2 === 1) {
    // a double-quoted string opened after a value operator (MySQL); else a quoted identifier
    t = text.slice(0, text.lastIndexOf('"'));
  }
  t = t.trimEnd();
  return /(?:[=<>]|\b(?:LIKE|ILIKE|IN\s*\(|VALUES\s*\(|BETWEEN|LIMIT|OFFSET)|\b(?:IN|VALUES)\s*\([^()]*,)$/i.test(
    t,
  );
}

interface Finding {
  operand: ast.Expr;
  /** The SQL text just before it, other values shown as "…", for the message. */
  before: string;
}

export default defineRule({
  name: "sql-string-query",
  category: "sql",
  severity: "error",
  needs: ["resolution", "types", "flow"],
  imports: ["database/sql"],
  skipTests: true,
  docs: {
    summary: "A SQL statement built by pasting a string value into it: SQL injection; use placeholders",
    details: `\`db.Query("SELECT * FROM users WHERE name = '" + name + "'")\` hands the database one string in which data and code are mixed: a name such as \`x' OR '1'='1\` or \`x'; DROP TABLE users; --\` closes the quote and rewrites the statement. "100 Go Mistakes" (#78) recommends prepared statements and parameters for exactly this reason, next to the performance gain: with \`db.Query("SELECT * FROM users WHERE name = ?", name)\` (\`$1\` for PostgreSQL) or \`db.Prepare\` followed by \`stmt.Query(name)\`, the driver sends the value apart from the SQL text, and no value can change the statement.

The rule reports \`Query\`, \`QueryRow\`, \`Exec\` and \`Prepare\` (and their \`Context\` variants) of \`*sql.DB\`, \`*sql.Tx\` and \`*sql.Conn\` whose SQL text is built with \`+\` or \`fmt.Sprintf\` (directly, or in a local variable, also with \`+=\`) from a string that is not a constant, where a placeholder could stand: inside a quoted SQL literal, after a comparison operator, after \`LIKE\`, \`IN (\`, \`VALUES (\`, \`BETWEEN\`, \`LIMIT\` or \`OFFSET\`, or in the list of an \`IN\` or \`VALUES\`.

It stays silent where no placeholder can help or nothing can be injected: table and column names and whole clauses pasted after \`FROM\`, \`JOIN\`, \`INTO\`, \`WHERE\` or a backquote (identifiers cannot be parameters; check them against a fixed list and quote them); numbers and booleans (\`strconv.Itoa(id)\`, \`%d\`: their text cannot close a quote); strings built only from constants, also through variables, slices and maps that only ever hold constants (a table name chosen by a \`switch\`, a \`strings.Repeat("?,", n)\` or \`strings.Join\` list of placeholders, a whitelist map); values passed through a function whose name says it quotes or escapes (\`pq.QuoteLiteral\`); and test files, where the values come from the test itself.`,
    bad: `package store

import "database/sql"

func FindUser(db *sql.DB, name string) (int64, error) {
	var id int64
	err := db.QueryRow("SELECT id FROM users WHERE name = '" + name + "'").Scan(&id)
	return id, err
}
`,
    good: `package store

import "database/sql"

func FindUser(db *sql.DB, name string) (int64, error) {
	var id int64
	err := db.QueryRow("SELECT id FROM users WHERE name = ?", name).Scan(&id)
	return id, err
}
`,
    source: "seed 001 #78 (10.4.3, prepared statements); gosec G201/G202",
  },
  create(ctx) {
    const factsOf = (obj: Obj): VarFacts | undefined => {
      let writes = writesCache.get(ctx.sem);
      if (writes === undefined) {
        writes = indexWrites(ctx.sem);
        writesCache.set(ctx.sem, writes);
      }
      return writes.get(obj);
    };
    const constString = (x: ast.Expr): string | null => {
      const tv = ctx.sem.typeAndValue(x);
      return tv !== null && tv.value !== null && tv.value.kind === "String" ? tv.value.value : null;
    };
    /** The one expression a variable is ever set to, when it is set exactly once. */
    const singleDef = (obj: Obj): ast.Expr | null => {
      const f = factsOf(obj);
      if (f === undefined || f.addressed || f.writes.length !== 1) return null;
      const w = f.writes[0]!;
      return w.kind === "expr" && w.op === "=" ? w.rhs : null;
    };

    const visiting = new Set<Obj>();
    /** Whether every value a function of this package returns is safe (its only result). */
    const returnsSafe = (fn: Obj, depth: number): boolean => {
      if (visiting.has(fn)) return true;
      const decl = funcDeclOf(ctx.sem, fn);
      if (decl === null || decl.body === null) return false;
      const results = decl.type.results;
      if (results === null || results.list.length !== 1 || results.list[0]!.names.length > 1) return false;
      visiting.add(fn);
      try {
        let safe = true;
        inspect(decl.body, (n) => {
          if (!safe || n.kind === "FuncLit") return false;
          if (n.kind === "ReturnStmt" && (n.results.length !== 1 || !isSafe(n.results[0]!, depth + 1)))
            safe = false;
          return safe;
        });
        return safe;
      } finally {
        visiting.delete(fn);
      }
    };
    /** Whether x is built only from constants, numbers and values quoted on purpose. */
    const isSafe = (x: ast.Expr, depth: number): boolean => {
      if (depth > 8) return false;
      const tv = ctx.sem.typeAndValue(x);
      if (tv === null) return false;
      if (tv.value !== null || isInert(tv.type)) return true;
      const e = unparen(x);
      switch (e.kind) {
        case "BinaryExpr":
          return e.op === "+" && isSafe(e.x, depth + 1) && isSafe(e.y, depth + 1);
        case "Ident": {
          const obj = ctx.sem.objectOf(e);
          if (obj === null || obj.kind !== "Var" || obj.isField || obj.isParam) return false;
          if (visiting.has(obj)) return true;
          const f = factsOf(obj);
          if (f === undefined || f.addressed) return false;
          visiting.add(obj);
          try {
            return f.writes.every((w) => {
              switch (w.kind) {
                case "zero":
                  return true;
                case "expr":
                  return isSafe(w.rhs, depth + 1);
                case "range":
                  return isSafe(w.x, depth + 1);
                default:
                  return false;
              }
            });
          } finally {
            visiting.delete(obj);
          }
        }
        case "IndexExpr":
          return isSafe(e.x, depth + 1);
        case "SliceExpr":
          return isSafe(e.x, depth + 1);
        case "UnaryExpr":
          return e.op === "&" && isSafe(e.x, depth + 1);
        case "CompositeLit":
          return e.elts.every((elt) =>
            elt.kind === "KeyValueExpr"
              ? isSafe(elt.key, depth + 1) && isSafe(elt.value, depth + 1)
              : isSafe(elt, depth + 1),
          );
        case "CallExpr":
          return isSafeCall(e, depth);
        default:
          return false;
      }
    };
    const isSafeCall = (call: ast.CallExpr, depth: number): boolean => {
      const fun = unparen(call.fun);
      const funTv = ctx.sem.typeAndValue(fun);
      // a conversion: string(b), []byte(s)
      if (funTv?.mode === "typexpr") return call.args.length === 1 && isSafe(call.args[0]!, depth + 1);
      if (fun.kind === "Ident") {
        const obj = ctx.sem.objectOf(fun);
        if (obj?.kind === "Builtin") {
          if (obj.name === "make" || obj.name === "new") return true;
          if (obj.name === "append") return call.args.every((a) => isSafe(a, depth + 1));
          return false;
        }
      }
      const name = ctx.sem.calleeName(call);
      if (name === null) return false;
      if (numberFormatFuncs.has(name)) return true;
      if (builderContents.has(name) && fun.kind === "SelectorExpr") return isSafe(fun.x, depth + 1);
      // strings.ReplaceAll(s, "'", "''"): the SQL way of escaping a quote
      if (
        (name === "strings.ReplaceAll" || name === "strings.Replace") &&
        call.args.length >= 3 &&
        constString(call.args[1]!) === "'" &&
        constString(call.args[2]!) === "''"
      )
        return true;
      if (derivedStringFuncs.has(name) || name === "fmt.Sprintf" || name === "fmt.Sprint")
        return call.ellipsis < 0 && call.args.every((a) => isSafe(a, depth + 1));
      // t.Format(time.RFC3339): digits, letters and punctuation of a constant layout
      if (name === "(time.Time).Format") return call.args.length === 1 && isSafe(call.args[0]!, depth + 1);
      // pq.QuoteLiteral, QuoteIdentifier, EscapeString: the author quoted the value on purpose
      const short = name.slice(name.lastIndexOf(".") + 1);
      if (/quote|escape|sanitiz/i.test(short)) return true;
      // String() of a number or byte array (a UUID, a time.Duration): the text is generated
      if (short === "String" && call.args.length === 0 && fun.kind === "SelectorExpr") {
        const recv = ctx.sem.typeOf(fun.x);
        const u = recv === null ? null : under(recv);
        if (u !== null && (isInert(u) || u.kind === "Array")) return true;
      }
      // a function of this package: safe when everything it returns is
      const fn = ctx.sem.callee(call);
      return fn !== null && fn.pkg === ctx.sem.checked.pkg && returnsSafe(fn, depth);
    };

    /** The pieces of SQL text an expression is built from. */
    const fragments = (x: ast.Expr, out: Fragment[], depth: number): void => {
      const c = constString(x);
      if (c !== null) {
        out.push({ text: c });
        return;
      }
      const e = unparen(x);
      if (depth < 6) {
        if (e.kind === "BinaryExpr" && e.op === "+" && isTextType(ctx.sem.typeOf(e))) {
          fragments(e.x, out, depth + 1);
          fragments(e.y, out, depth + 1);
          return;
        }
        if (e.kind === "CallExpr" && ctx.sem.isCallTo(e, "fmt.Sprintf") && sprintfFragments(e, out, depth))
          return;
        if (e.kind === "Ident") {
          const obj = ctx.sem.objectOf(e);
          const def = obj !== null && isLocal(obj) ? singleDef(obj) : null;
          if (def !== null) {
            fragments(def, out, depth + 1);
            return;
          }
        }
      }
      out.push({ operand: e });
    };
    /** The pieces of fmt.Sprintf's result, or false when its format is not a plain constant. */
    const sprintfFragments = (call: ast.CallExpr, out: Fragment[], depth: number): boolean => {
      if (call.args.length === 0 || call.ellipsis >= 0) return false;
      const format = constString(call.args[0]!);
      if (format === null) return false;
      const pieces: Fragment[] = [];
      let text = "";
      let arg = 1;
      for (let i = 0; i < format.length; i++) {
        const ch = format[i]!;
        if (ch !== "%") {
          text += ch;
          continue;
        }
        if (format[i + 1] === "%") {
          text += "%";
          i++;
          continue;
        }
        const m = /^[+\-# 0]*[0-9]*(?:\.[0-9]*)?([a-zA-Z])/.exec(format.slice(i + 1));
        // explicit argument indexes and * widths: not followed
        if (m === null) return false;
        i += m[0].length;
        const a = call.args[arg++];
        if (a === undefined) return false;
        pieces.push({ text });
        text = "";
        const verb = m[1]!;
        if ((verb === "s" || verb === "v") && isTextType(ctx.sem.typeOf(a))) fragments(a, pieces, depth + 1);
        else if (verb === "q") pieces.push({ text: '"q"' });
        else pieces.push({ text: "0" });
      }
      pieces.push({ text });
      out.push(...pieces);
      return true;
    };

    /** The first value in `frags` pasted where a placeholder could stand and not provably safe. */
    const firstInjection = (frags: Fragment[]): Finding | null => {
      let before = "";
      let shown = "";
      for (const f of frags) {
        if ("text" in f) {
          before += f.text;
          shown += f.text;
          continue;
        }
        if (isTextType(ctx.sem.typeOf(f.operand)) && inValuePosition(before) && !isSafe(f.operand, 0))
          return { operand: f.operand, before: shown };
        shown += "…";
      }
      return null;
    };

    /** The SQL texts the query argument can hold: itself, or each value its variable is set to. */
    const queryTexts = (arg: ast.Expr): ast.Expr[] => {
      const e = unparen(arg);
      if (e.kind !== "Ident") return [e];
      const obj = ctx.sem.objectOf(e);
      // a local variable or a parameter set in the body: each value it is set to
      if (obj === null || obj.kind !== "Var" || obj.isField || obj.parent === obj.pkg?.scope) return [];
      const f = factsOf(obj);
      if (f === undefined) return [];
      const out: ast.Expr[] = [];
      for (const w of f.writes) if (w.kind === "expr" && w.op !== "elem") out.push(w.rhs);
      return out;
    };

    const describe = (x: ast.Expr): string => {
      const s = ctx.source.decode(x.pos, x.end);
      return s.length <= 40 && !s.includes("\n") ? s : "a string value";
    };

    return {
      CallExpr(call) {
        const name = ctx.sem.calleeName(call);
        if (name === null) return;
        const index = queryArg.get(name);
        if (index === undefined) return;
        const arg = call.args[index];
        if (arg === undefined || enclosingFunc(ctx.ancestors) === null) return;
        for (const text of queryTexts(arg)) {
          const frags: Fragment[] = [];
          fragments(text, frags, 0);
          const found = firstInjection(frags);
          if (found === null) continue;
          const method = name.slice(name.lastIndexOf(".") + 1);
          const what = describe(found.operand);
          let tail = found.before.trimEnd();
          if (tail.length > 16) {
            tail = tail.slice(-16);
            tail = tail.slice(tail.indexOf(" ") + 1).trimStart();
          }
          ctx.report(
            call,
            `${method} runs SQL with ${what} pasted in${tail === "" ? "" : ` after "${tail}"`}: a value containing a quote rewrites the statement (SQL injection); use a placeholder (? or $1) and pass ${what === "a string value" ? "the value" : what} as an argument`,
            found.operand.pos >= call.pos && found.operand.end <= call.end
              ? []
              : [
                  {
                    pos: found.operand.pos,
                    end: found.operand.end,
                    message: "the value pasted into the SQL text",
                  },
                ],
          );
          return;
        }
      },
    };
  },
});
