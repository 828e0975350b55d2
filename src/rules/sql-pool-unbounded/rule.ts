import { enclosingFunc, isNamedType, unparen } from "../../analysis/astutil.js";
import { defineRule } from "../../analysis/rule.js";
import { containsCall, localEscape, openTarget, sqlOpenFuncs, storageObj } from "../../analysis/sqlutil.js";
import { isExported, type Obj } from "../../semantic/objects.js";
import type { SemanticModel } from "../../semantic/semantic-model.js";
import type { Type } from "../../semantic/types.js";
import type * as ast from "../../syntax/ast.js";
import { inspect } from "../../syntax/walk.js";

/** Imports that make a main package a server: many requests, so many queries at once. */
const serverImports = ["net/http", "net/rpc", "google.golang.org/grpc"];

interface PackageFacts {
  /** Some non-test file calls SetMaxOpenConns. */
  limits: boolean;
  /** A main package that neither serves nor starts goroutines: a tool that queries one at a time. */
  sequentialMain: boolean;
  /** Importers can reach a *sql.DB of the package (and set its limits themselves). */
  exposesDB: boolean;
}

const cache = new WeakMap<SemanticModel, PackageFacts>();

function isDBType(t: Type | null): boolean {
  return t !== null && t.kind === "Pointer" && isNamedType(t.elem, "database/sql.DB");
}

/** The receiver's base type name of a method declaration. */
function receiverTypeName(decl: ast.FuncDecl): string | null {
  const field = decl.recv?.list[0];
  if (field === undefined) return null;
  let t = field.type;
  while (t.kind === "StarExpr" || t.kind === "ParenExpr") t = t.x;
  if (t.kind === "IndexExpr" || t.kind === "IndexListExpr") t = t.x;
  return t.kind === "Ident" ? t.name : null;
}

/** The constant text in an expression built with + or fmt.Sprintf (a DSN), joined. */
function constantText(sem: SemanticModel, x: ast.Expr): string {
  const tv = sem.typeAndValue(x);
  if (tv?.value?.kind === "String") return tv.value.value;
  const e = unparen(x);
  if (e.kind === "BinaryExpr" && e.op === "+") return constantText(sem, e.x) + constantText(sem, e.y);
  if (e.kind === "CallExpr" && sem.isCallTo(e, "fmt.Sprintf") && e.args.length > 0)
    return constantText(sem, e.args[0]!);
  return "";
}

function packageFacts(sem: SemanticModel): PackageFacts {
  let facts = cache.get(sem);
  if (facts !== undefined) return facts;
  facts = { limits: false, sequentialMain: false, exposesDB: false };
  let isMain = false;
  let startsGoroutines = false;
  for (const { file, source } of sem.checked.files) {
    if (source.name.endsWith("_test.go")) continue;
    if (file.name.name === "main") isMain = true;
    for (const decl of file.decls) {
      if (decl.kind === "FuncDecl") {
        const recv = receiverTypeName(decl);
        if (isExported(decl.name.name) && (recv === null || isExported(recv))) {
          const fn = sem.objectOf(decl.name);
          if (
            fn !== null &&
            fn.type.kind === "Signature" &&
            fn.type.results.vars.some((v) => isDBType(v.type))
          )
            facts.exposesDB = true;
        }
      } else if (decl.kind === "GenDecl" && decl.tok === "var") {
        for (const spec of decl.specs) {
          if (spec.kind !== "ValueSpec") continue;
          for (const name of spec.names) {
            const obj = sem.objectOf(name);
            if (isExported(name.name) && obj !== null && isDBType(obj.type)) facts.exposesDB = true;
          }
        }
      } else if (decl.kind === "GenDecl" && decl.tok === "type") {
        for (const spec of decl.specs) {
          if (spec.kind !== "TypeSpec" || !isExported(spec.name.name) || spec.type.kind !== "StructType")
            continue;
          for (const field of spec.type.fields.list) {
            // an exported field, or an embedded *sql.DB whose methods are promoted
            const visible = field.names.length === 0 || field.names.some((n) => isExported(n.name));
            if (visible && isDBType(sem.typeOf(field.type))) facts.exposesDB = true;
          }
        }
      }
    }
    inspect(file, (n) => {
      if (n.kind === "GoStmt") startsGoroutines = true;
      if (n.kind === "CallExpr") {
        const fun = unparen(n.fun);
        if (fun.kind === "SelectorExpr" && fun.sel.name === "SetMaxOpenConns") facts!.limits = true;
      }
      return true;
    });
  }
  facts.sequentialMain = isMain && !startsGoroutines && !serverImports.some((p) => sem.imports(p));
  cache.set(sem, facts);
  return facts;
}

export default defineRule({
  name: "sql-pool-unbounded",
  category: "sql",
  severity: "info",
  needs: ["resolution", "types", "flow"],
  imports: ["database/sql"],
  skipTests: true,
  docs: {
    summary:
      "A *sql.DB opened in a package that never calls SetMaxOpenConns: the pool opens connections without limit",
    details: `A \`*sql.DB\` is not a connection but a pool, and "100 Go Mistakes" (#78) lists its four settings with their defaults: \`SetMaxOpenConns\` (unlimited), \`SetMaxIdleConns\` (2), \`SetConnMaxIdleTime\` and \`SetConnMaxLifetime\` (both unlimited). With no maximum, every query that finds no idle connection opens a new one: a burst of requests opens as many connections as there are concurrent queries, until the database refuses them ("too many connections") and every service sharing it fails too; with only two idle connections kept, the burst is followed by a storm of closing and reconnecting. Set the maximum to what the database can give this service (and raise \`SetMaxIdleConns\` with it; \`SetConnMaxLifetime\` helps behind load balancers).

The rule reports \`sql.Open\` and \`sql.OpenDB\` in a package none of whose non-test files calls \`SetMaxOpenConns\`. It stays silent when the package hands the pool to its importers, who may set the limits (an exported function or method returning a \`*sql.DB\`, an exported variable, or an exported or embedded \`*sql.DB\` field, when the opened pool is returned or stored); for a pool whose \`Close\` is deferred in the function that opened it (it lives for one call, not for the process; \`main\` excepted); in \`main\` packages that neither serve (\`net/http\`, \`net/rpc\`, gRPC) nor start goroutines, where queries run one at a time; for SQLite opened with a busy timeout in its DSN (connections then wait for the lock instead of failing); and in test files.`,
    bad: `package store

import "database/sql"

type Store struct {
	db *sql.DB
}

func New(dsn string) (*Store, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	return &Store{db: db}, db.Ping()
}
`,
    good: `package store

import (
	"database/sql"
	"time"
)

type Store struct {
	db *sql.DB
}

func New(dsn string) (*Store, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(20)
	db.SetConnMaxLifetime(30 * time.Minute)
	return &Store{db: db}, db.Ping()
}
`,
    source: "seed 001 #78 (10.4.2, forgetting about connections pooling)",
  },
  create(ctx) {
    const sem = ctx.sem;

    /** Whether the function defers closing the pool held in `obj`: it lives for one call. */
    const closedHere = (body: ast.Node, obj: Obj): boolean => {
      let found = false;
      inspect(body, (n) => {
        if (found) return false;
        if (n.kind !== "DeferStmt") return true;
        found = containsCall(n, (call) => {
          if (!sem.isCallTo(call, "(*database/sql.DB).Close")) return false;
          const fun = unparen(call.fun);
          return fun.kind === "SelectorExpr" && storageObj(sem, fun.x) === obj;
        });
        return false;
      });
      return found;
    };

    return {
      CallExpr(call) {
        if (!sem.isCallTo(call, ...sqlOpenFuncs)) return;
        const facts = packageFacts(sem);
        if (facts.limits || facts.sequentialMain) return;
        const target = openTarget(sem, call, ctx.ancestors);
        if (target.kind === "other") return;
        if (target.kind === "local") {
          const fn = enclosingFunc(ctx.ancestors);
          if (fn === null || fn.body === null) return;
          const isMainFunc =
            fn.kind === "FuncDecl" && fn.name.name === "main" && ctx.file.name.name === "main";
          if (!isMainFunc && closedHere(fn.body, target.obj)) return;
          if (facts.exposesDB && localEscape(sem, fn.body, target.obj) !== null) return;
        } else if (facts.exposesDB) return;
        const name = call.fun.kind === "SelectorExpr" ? call.fun.sel.name : "Open";
        const tv = call.args.length === 2 ? sem.typeAndValue(call.args[0]!) : null;
        const driver = tv?.value?.kind === "String" ? tv.value.value : "";
        // SQLite waiting for its lock (busy_timeout) instead of failing: the limit matters little
        if (driver.includes("sqlite") && /busy_timeout|[?&]_timeout=/i.test(constantText(sem, call.args[1]!)))
          return;
        ctx.report(
          call,
          driver.includes("sqlite")
            ? `the *sql.DB from sql.${name} has no limit on open connections and this package never calls SetMaxOpenConns: with SQLite, concurrent connections contend for the file lock and writes fail with "database is locked"; call db.SetMaxOpenConns(1) for writes (or a small n with WAL)`
            : `the *sql.DB from sql.${name} has no limit on open connections and this package never calls SetMaxOpenConns: under load every concurrent query opens another connection until the database refuses them; call db.SetMaxOpenConns(n) (and SetMaxIdleConns) sized to what the database allows`,
        );
      },
    };
  },
});
