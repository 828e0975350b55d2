import { enclosingFunc, isErrorType, isNamedType, parentMap, unparen } from "../../analysis/astutil.js";
import { calledDecl, type FuncNode } from "../../analysis/flow.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type { Var } from "../../semantic/objects.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

/** Calls that open a file for writing whatever their arguments. */
const CREATORS = new Set(["os.Create", "os.CreateTemp", "io/ioutil.TempFile"]);

/** Open flags that make the file writable. */
const WRITE_FLAGS = new Set(["O_WRONLY", "O_RDWR", "O_APPEND", "O_CREATE", "O_TRUNC"]);

/** Methods of *os.File that write to it. */
const WRITE_METHODS = new Set(["Write", "WriteString", "WriteAt", "ReadFrom"]);

/** Functions and methods that write to their first argument (or wrap it in a writer). */
const WRITERS = new Set([
  "fmt.Fprint",
  "fmt.Fprintf",
  "fmt.Fprintln",
  "io.WriteString",
  "io.Copy",
  "io.CopyN",
  "io.CopyBuffer",
  "io.MultiWriter",
  "bufio.NewWriter",
  "bufio.NewWriterSize",
  "bufio.NewReadWriter",
  "encoding/json.NewEncoder",
  "encoding/xml.NewEncoder",
  "encoding/gob.NewEncoder",
  "encoding/csv.NewWriter",
  "encoding/binary.Write",
  "encoding/pem.Encode",
  "compress/gzip.NewWriter",
  "compress/gzip.NewWriterLevel",
  "compress/zlib.NewWriter",
  "compress/flate.NewWriter",
  "archive/zip.NewWriter",
  "archive/tar.NewWriter",
  "text/tabwriter.NewWriter",
  "image/png.Encode",
  "image/jpeg.Encode",
  "image/gif.Encode",
  "log.New",
  "(*text/template.Template).Execute",
  "(*text/template.Template).ExecuteTemplate",
  "(*html/template.Template).Execute",
  "(*html/template.Template).ExecuteTemplate",
]);

/** What a function body does with the file. */
interface FileUse {
  writes: boolean;
  /** Sync is called, the descriptor is taken (for a syscall fsync), or a Close error is read. */
  settled: boolean;
  /** Returned, stored, or handed to a function the rule cannot see into. */
  escapes: boolean;
}

/** Whether the call opens a file for writing: os.Create, os.CreateTemp, os.OpenFile with a write flag. */
function opensForWriting(ctx: RuleContext, call: ast.CallExpr): boolean {
  const name = ctx.sem.calleeName(call);
  if (name === null) return false;
  if (CREATORS.has(name)) return true;
  if (name !== "os.OpenFile" || call.args.length !== 3) return false;
  return hasWriteFlag(ctx, call.args[1]!);
}

/** Whether an `os.O_A|os.O_B` expression names a flag that opens for writing. */
function hasWriteFlag(ctx: RuleContext, x: ast.Expr): boolean {
  const e = unparen(x);
  if (e.kind === "BinaryExpr" && e.op === "|") return hasWriteFlag(ctx, e.x) || hasWriteFlag(ctx, e.y);
  const id = e.kind === "SelectorExpr" ? e.sel : e.kind === "Ident" ? e : null;
  if (id === null || !WRITE_FLAGS.has(id.name)) return false;
  const obj = ctx.sem.objectOf(id);
  return obj !== null && obj.kind === "Const" && (obj.pkg?.path === "os" || obj.pkg?.path === "syscall");
}

/** The single assignment of the variable in the function: its call, or null when there are several or another kind. */
function soleSource(ctx: RuleContext, fn: FuncNode, v: Var): ast.CallExpr | null {
  let source: ast.CallExpr | null = null;
  let count = 0;
  inspect(fn, (n) => {
    if (count > 1) return false;
    let targets: readonly ast.Expr[] = [];
    let values: readonly ast.Expr[] = [];
    if (n.kind === "AssignStmt") {
      targets = n.lhs;
      values = n.rhs;
    } else if (n.kind === "ValueSpec") {
      targets = n.names;
      values = n.values;
    } else {
      return true;
    }
    const i = targets.findIndex((t) => t.kind === "Ident" && ctx.sem.objectOf(t) === v);
    if (i < 0) return true;
    count++;
    const value = values.length === 1 && i === 0 ? unparen(values[0]!) : null;
    source = value !== null && value.kind === "CallExpr" ? value : null;
    return true;
  });
  return count === 1 ? source : null;
}

/** What `body` does with the variable `v`; helpers of the package it is handed to are read too. */
function fileUse(
  ctx: RuleContext,
  body: ast.Node,
  v: Var,
  skip: ast.DeferStmt | null,
  depth: number,
): FileUse {
  const out: FileUse = { writes: false, settled: false, escapes: false };
  const parents = parentMap(body);
  inspect(body, (n) => {
    if (out.escapes || n === skip) return false;
    if (n.kind === "Ident" && ctx.sem.objectOf(n) === v) classify(ctx, n, parents, out, depth);
    return true;
  });
  return out;
}

function classify(
  ctx: RuleContext,
  id: ast.Ident,
  parents: Map<ast.Node, ast.Node>,
  out: FileUse,
  depth: number,
): void {
  let x: ast.Node = id;
  let p = parents.get(x);
  while (p !== undefined && p.kind === "ParenExpr") {
    x = p;
    p = parents.get(p);
  }
  if (p === undefined) return;
  // f.Method(...)
  if (p.kind === "SelectorExpr" && p.x === x) {
    const call = parents.get(p);
    const method = p.sel.name;
    if (call?.kind !== "CallExpr" || call.fun !== p) {
      // a method value or field: f.Write passed around
      if (WRITE_METHODS.has(method)) out.writes = true;
      if (method === "Close" || method === "Sync" || method === "Fd") out.escapes = true;
      return;
    }
    if (WRITE_METHODS.has(method)) out.writes = true;
    else if (method === "Sync" || method === "Fd" || method === "SyscallConn") out.settled = true;
    else if (method === "Close" && closeResultUsed(call, parents)) out.settled = true;
    return;
  }
  // the declaring or assigning statement itself
  if (p.kind === "AssignStmt" && p.lhs.includes(x as ast.Expr)) return;
  if (p.kind === "ValueSpec" && p.names.includes(x as ast.Ident)) return;
  if (p.kind === "BinaryExpr" && (p.op === "==" || p.op === "!=")) return;
  if (p.kind === "CallExpr" && p.fun !== x) {
    const index = p.args.indexOf(x as ast.Expr);
    const name = ctx.sem.calleeName(p);
    if (name !== null && WRITERS.has(name) && index === 0) {
      out.writes = true;
      return;
    }
    const fun = unparen(p.fun);
    if (index === 0 && fun.kind === "SelectorExpr" && fun.sel.name === "WriteTo") {
      out.writes = true;
      return;
    }
    // a helper of the package: read what it does with its parameter
    const decl = depth < 2 ? calledDecl(ctx.sem, p) : null;
    if (decl !== null && decl.body !== null && p.ellipsis < 0 && index >= 0) {
      const param = paramAt(ctx, decl, index);
      if (param !== null) {
        const inner = fileUse(ctx, decl.body, param, null, depth + 1);
        out.writes ||= inner.writes;
        out.settled ||= inner.settled;
        out.escapes ||= inner.escapes;
        return;
      }
    }
    out.escapes = true;
    return;
  }
  out.escapes = true;
}

/** Whether the result of a `f.Close()` call is read: not a statement of its own, not assigned to `_`, not deferred. */
function closeResultUsed(call: ast.CallExpr, parents: Map<ast.Node, ast.Node>): boolean {
  let x: ast.Node = call;
  let p = parents.get(x);
  while (p !== undefined && p.kind === "ParenExpr") {
    x = p;
    p = parents.get(p);
  }
  if (p === undefined) return false;
  if (p.kind === "ExprStmt" || p.kind === "DeferStmt" || p.kind === "GoStmt") return false;
  if (p.kind === "AssignStmt") {
    const i = p.rhs.indexOf(x as ast.Expr);
    const target = i >= 0 && p.lhs.length === p.rhs.length ? p.lhs[i] : undefined;
    return !(target !== undefined && target.kind === "Ident" && target.name === "_");
  }
  return true;
}

/** The parameter variable at a call's argument index. */
function paramAt(ctx: RuleContext, decl: ast.FuncDecl, index: number): Var | null {
  const names: ast.Ident[] = [];
  for (const field of decl.type.params.list) {
    if (field.type.kind === "Ellipsis") return null;
    if (field.names.length === 0) return null;
    names.push(...field.names);
  }
  const id = names[index];
  if (id === undefined) return null;
  const obj = ctx.sem.objectOf(id);
  return obj !== null && obj.kind === "Var" ? obj : null;
}

/** Whether the function's last result is an error. */
function returnsError(ctx: RuleContext, fn: FuncNode): boolean {
  const results = fn.type.results?.list ?? [];
  const last = results[results.length - 1];
  return last !== undefined && isErrorType(ctx.sem.typeOf(last.type));
}

export default defineRule({
  name: "close-error-ignored",
  category: "resources",
  severity: "warning",
  needs: ["resolution", "types", "flow"],
  imports: ["os", "io/ioutil"],
  skipTests: true,
  docs: {
    summary: "`defer f.Close()` drops the error of closing a file this function writes",
    details:
      "Writes to an `*os.File` go to the kernel's buffers; the disk may only see them later, and an I/O error met " +
      "on the way (a full disk, a lost NFS server, a quota) can surface only when the file is closed: `close(2)` " +
      "reports it. `defer f.Close()` throws that error away, so a function that wrote a file returns success while " +
      "the data is lost. For a file opened for writing (`os.Create`, `os.CreateTemp`, `os.OpenFile` with " +
      "`O_WRONLY`, `O_RDWR`, `O_APPEND`, `O_CREATE` or `O_TRUNC`), close it explicitly and return the error — " +
      "`if err := f.Close(); err != nil { return err }`, or a deferred closure that assigns the close error to the " +
      "named result when no other error is set — or call `f.Sync()` before returning, after which the close " +
      "error can be ignored safely (and the data is on disk, not only in the page cache).\n\n" +
      "The rule reports `defer f.Close()` when the same function opened `f` for writing and writes to it (its " +
      "`Write` methods, or `fmt.Fprint*`, `io.Copy`, `bufio.NewWriter`, encoders and templates given `f`, or a " +
      "helper of the package that does), and nowhere calls `f.Sync()`, takes `f.Fd()` (for a syscall fsync) or " +
      "reads the result of another `f.Close()` — a second, checked close is the usual fix and leaves the deferred " +
      "one as a harmless safety net. It is silent when the function returns no error (there is nowhere to send the " +
      "close error, and whether to log it or crash is the program's policy), when `f` is returned, stored or handed " +
      "to another package's function (which may sync or close it), when the function removes the file " +
      "(`defer os.Remove(f.Name())`: a scratch file, read while open, whose contents do not outlive the call), " +
      "and in tests.",
    bad: `package store

import "os"

func Save(name string, data []byte) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.Write(data)
	return err
}
`,
    good: `package store

import "os"

func Save(name string, data []byte) (err error) {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	_, err = f.Write(data)
	return err
}
`,
    source: '001 #79 "不关闭瞬态资源" (writeToFile); errcheck/gosec G307',
  },
  create(ctx) {
    return {
      DeferStmt(stmt) {
        const call = stmt.call;
        if (call.args.length !== 0) return;
        const fun = unparen(call.fun);
        if (fun.kind !== "SelectorExpr" || fun.sel.name !== "Close") return;
        const recv = unparen(fun.x);
        if (recv.kind !== "Ident") return;
        const v = ctx.sem.objectOf(recv);
        if (v === null || v.kind !== "Var" || v.isField) return;
        if (!isNamedType(v.type, "os.File", true) || v.type.kind !== "Pointer") return;
        const fn = enclosingFunc(ctx.ancestors);
        if (fn === null || v.pos < fn.pos || v.pos >= fn.end) return;
        if (!returnsError(ctx, fn)) return;
        const source = soleSource(ctx, fn, v);
        if (source === null || !opensForWriting(ctx, source)) return;
        // the file is opened in this function, not in a literal inside it
        if (enclosingOf(fn, source) !== fn) return;
        if (removedLater(ctx, fn, v, source)) return;
        const use = fileUse(ctx, fn, v, stmt, 0);
        if (!use.writes || use.settled || use.escapes) return;
        const what = ctx.source.decode(source.fun.pos, source.fun.end);
        const line = ctx.source.lineOf(source.pos);
        ctx.report(
          stmt,
          `defer ${v.name}.Close() drops the error of closing a file this function writes (opened by ${what} at line ${line}): a write the kernel fails at close is lost while the function reports success; close it explicitly and return the error, or Sync before returning`,
        );
      },
    };
  },
});

/**
 * Whether the function removes the file it wrote (`defer os.Remove(f.Name())`, or the path it was
 * created with): a scratch file, whose contents matter only while it is open.
 */
function removedLater(ctx: RuleContext, fn: FuncNode, v: Var, source: ast.CallExpr): boolean {
  const first = source.args[0] === undefined ? null : unparen(source.args[0]);
  const pathVar = first !== null && first.kind === "Ident" ? ctx.sem.objectOf(first) : null;
  let found = false;
  inspect(fn, (n) => {
    if (found) return false;
    if (n.kind !== "CallExpr" || n.args.length !== 1 || !ctx.sem.isCallTo(n, "os.Remove", "os.RemoveAll"))
      return true;
    const arg = unparen(n.args[0]!);
    if (arg.kind === "Ident" && pathVar !== null && ctx.sem.objectOf(arg) === pathVar) found = true;
    if (arg.kind === "CallExpr" && arg.args.length === 0) {
      const fun = unparen(arg.fun);
      if (fun.kind === "SelectorExpr" && fun.sel.name === "Name") {
        const recv = unparen(fun.x);
        if (recv.kind === "Ident" && ctx.sem.objectOf(recv) === v) found = true;
      }
    }
    return !found;
  });
  return found;
}

/** The innermost function (fn itself or a literal inside it) that contains `node`. */
function enclosingOf(fn: FuncNode, node: ast.Node): FuncNode {
  let found: FuncNode = fn;
  inspect(fn.body ?? fn, (n) => {
    if (n.pos > node.pos || n.end < node.end) return false;
    if (n.kind === "FuncLit") found = n;
    return true;
  });
  return found;
}
