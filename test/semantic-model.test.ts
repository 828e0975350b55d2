import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Loader } from "../src/load/packages.js";
import { Program } from "../src/semantic/program.js";
import { SemanticModel } from "../src/semantic/semantic-model.js";
import { typeString } from "../src/semantic/typestring.js";
import type * as ast from "../src/syntax/ast.js";
import { inspect } from "../src/syntax/walk.js";

const fixture = new URL("../../test/testdata/stdlib-use/", import.meta.url).pathname;

/** Checks the fixture module with no Go installation visible: no GOROOT, no go on PATH. */
function checkWithoutGo(): SemanticModel {
  const loader = new Loader({ dir: fixture, env: { PATH: "/nonexistent" }, goRoot: null, tests: false });
  const loaded = loader.load(["./..."]);
  assert.deepEqual(loaded.errors, []);
  assert.equal(loaded.packages.length, 1);
  const checked = new Program(loader).check(loaded.packages[0]!, "package");
  assert.deepEqual(checked.errors, []);
  return new SemanticModel(checked);
}

function nodes<K extends ast.NodeKind>(sem: SemanticModel, kind: K): ast.NodeOfKind<K>[] {
  const out: ast.NodeOfKind<K>[] = [];
  for (const f of sem.checked.files) {
    inspect(f.file, (n) => {
      if (n.kind === kind) out.push(n as ast.NodeOfKind<K>);
      return true;
    });
  }
  return out;
}

describe("the standard library without a Go installation", () => {
  const sem = checkWithoutGo();

  test("every call resolves: functions and methods by name, conversions and builtins by type", () => {
    const unresolved: string[] = [];
    for (const call of nodes(sem, "CallExpr")) {
      if (sem.calleeName(call) !== null) continue;
      const fun = sem.typeAndValue(call.fun);
      // a conversion, a builtin or a call of a function value (the literal passed to OnceFunc)
      if (fun !== null && (fun.mode === "typexpr" || fun.mode === "builtin" || fun.type.kind === "Signature"))
        continue;
      unresolved.push(`${call.pos}`);
    }
    assert.deepEqual(unresolved, []);
  });

  test("every selector resolves to a field, a method or a package member", () => {
    const unresolved = nodes(sem, "SelectorExpr")
      .filter((s) => sem.objectOf(s.sel) === null)
      .map((s) => s.sel.name);
    assert.deepEqual(unresolved, []);
  });

  test("calls carry go/types' qualified names, APIs newer than Go 1.19 included", () => {
    const names = new Set(nodes(sem, "CallExpr").map((c) => sem.calleeName(c)));
    for (const want of [
      "net/http.NewRequestWithContext",
      "(*net/http.Client).Do",
      "net/http.Get",
      "errors.Join",
      "errors.New",
      "io.ReadAll",
      "io.Copy",
      "(*database/sql.DB).QueryContext",
      "(*database/sql.Rows).Next",
      "(*database/sql.Rows).Scan",
      "(*database/sql.Rows).Err",
      "(*database/sql.Rows).Close",
      "os.Open",
      "(*os.File).Close",
      "encoding/json.NewDecoder",
      "(*encoding/json.Decoder).Decode",
      "sync.OnceFunc",
      "log/slog.Info",
      "(time.Time).Format",
      "time.Now",
      "context.WithoutCancel",
      "slices.Collect",
      "maps.Keys",
      "slices.Sort",
      "net/http.NewServeMux",
      "(*net/http.ServeMux).HandleFunc",
      "(*sync.Mutex).Lock",
      "(*sync.Mutex).Unlock",
      "(net/http.ResponseWriter).WriteHeader",
      // The model lists an interface's whole method set instead of its embedded interfaces, so
      // resp.Body.Close is io.ReadCloser's (go/types from source says io.Closer's).
      "(io.ReadCloser).Close",
    ]) {
      assert.ok(names.has(want), `no call to ${want} among ${[...names].sort().join(", ")}`);
    }
  });

  test("fields and constants of the standard library have their types", () => {
    const byName = new Map<string, string>();
    for (const s of nodes(sem, "SelectorExpr")) {
      const t = sem.typeOf(s);
      if (t !== null) byName.set(s.sel.name, typeString(t));
    }
    assert.equal(byName.get("Body"), "io.ReadCloser");
    assert.equal(byName.get("StatusCode"), "int");
    // as an argument of Format, the untyped constant is recorded with the parameter's type
    assert.equal(byName.get("DateTime"), "string");
    const dateTime = nodes(sem, "SelectorExpr").find((x) => x.sel.name === "DateTime")!;
    assert.equal(typeString(sem.objectOf(dateTime.sel)!.type), "untyped string");
    assert.equal(byName.get("String"), "string");
    assert.equal(byName.get("Second"), "time.Duration");
  });

  test("isCallTo and uses", () => {
    const get = nodes(sem, "CallExpr").find((c) => sem.isCallTo(c, "net/http.Get"));
    assert.ok(get !== undefined);
    const errNotFound = nodes(sem, "Ident").find((i) => i.name === "errNotFound");
    const obj = errNotFound === undefined ? null : sem.objectOf(errNotFound);
    assert.ok(obj !== null);
    assert.equal(sem.uses(obj).length, 2);
    assert.ok(sem.imports("log/slog"));
    assert.ok(!sem.imports("fmt"));
  });

  test("the Go version comes from go.mod, or from a //go:build go1.N line", () => {
    const file = sem.checked.files[0]!.file;
    assert.equal(sem.goVersion(file), "1.23");
    assert.ok(sem.atLeast(file, "1.22"));
    assert.ok(!sem.atLeast(file, "1.24"));
  });
});
