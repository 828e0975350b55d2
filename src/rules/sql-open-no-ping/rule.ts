import { enclosingFunc, isNamedType, unparen } from "../../analysis/astutil.js";
import { defineRule } from "../../analysis/rule.js";
import {
  callersOf,
  containsCall,
  type Escape,
  funcDeclOf,
  localEscape,
  openTarget,
  packageFuncs,
  sqlOpenFuncs,
  storageObj,
} from "../../analysis/sqlutil.js";
import type { Obj } from "../../semantic/objects.js";
import type * as ast from "../../syntax/ast.js";

/** *sql.DB methods that reach the database: after one of them, a bad DSN has shown itself. */
const contactMethods = new Set(
  [
    "Ping",
    "PingContext",
    "Exec",
    "ExecContext",
    "Query",
    "QueryContext",
    "QueryRow",
    "QueryRowContext",
    "Prepare",
    "PrepareContext",
    "Begin",
    "BeginTx",
    "Conn",
  ].map((m) => `(*database/sql.DB).${m}`),
);

const pingMethods = new Set(["(*database/sql.DB).Ping", "(*database/sql.DB).PingContext"]);

/** Whether a package path is the standard library's (no dot in its first element). */
function isStdlib(path: string): boolean {
  const first = path.split("/")[0]!;
  return !first.includes(".");
}

export default defineRule({
  name: "sql-open-no-ping",
  category: "sql",
  severity: "info",
  needs: ["resolution", "types", "flow"],
  imports: ["database/sql"],
  skipTests: true,
  docs: {
    summary:
      "A *sql.DB from sql.Open handed on without Ping: a wrong DSN or an unreachable database shows up only at the first query",
    details: `\`sql.Open\` does not connect. As "100 Go Mistakes" (#78) quotes the documentation, Open "may just validate its arguments without creating a connection to the database"; with most drivers the first connection is made lazily, by the first query. A function that opens the pool and returns it (or stores it in a field or a package variable) therefore succeeds with a wrong password, a mistyped host or a database that is down, and the service starts, passes its readiness checks and takes traffic, to fail on its first request. Calling \`db.PingContext(ctx)\` (or \`Ping\`) right after \`sql.Open\` forces a connection and returns the error where it can still stop the start-up.

The rule reports \`sql.Open\` and \`sql.OpenDB\` whose *sql.DB is returned or stored in a field or package variable by a function in which nothing reaches the database: no \`Ping\`, \`PingContext\`, and no query, \`Exec\`, \`Prepare\`, \`Begin\` or \`Conn\` either (a migration or a \`SET\` right after opening shows the error just as well). It stays silent when the pool is handed to a function that may check it (a function of another module, or one of this package that reaches the database), when a caller in the package reaches the database right after calling the function, when the field or variable the pool is stored in is pinged elsewhere in the package, and in test files.`,
    bad: `package store

import "database/sql"

func Open(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	return db, nil
}
`,
    good: `package store

import (
	"context"
	"database/sql"
	"time"
)

func Open(ctx context.Context, dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}
`,
    source:
      "seed 001 #78 (10.4.1, forgetting that sql.Open doesn't necessarily establish connections to a database)",
  },
  create(ctx) {
    const sem = ctx.sem;

    /**
     * Whether `root` reaches a database: a contact method of *sql.DB, or a *sql.DB handed to a
     * function of another module or to one of this package that reaches it (one level).
     */
    const reachesDB = (root: ast.Node, depth: number): boolean =>
      containsCall(root, (call) => {
        const name = sem.calleeName(call);
        if (name !== null && contactMethods.has(name)) return true;
        if (depth > 1) return false;
        if (!call.args.some((a) => isNamedType(sem.typeOf(a), "database/sql.DB", true))) return false;
        const fn = sem.callee(call);
        // a function value, or a function of another module: it may well ping
        if (fn === null || fn.pkg === null) return true;
        if (fn.pkg !== sem.checked.pkg) return !isStdlib(fn.pkg.path);
        const decl = funcDeclOf(sem, fn);
        return decl !== null && decl.body !== null && reachesDB(decl.body, depth + 1);
      });

    /** Whether a Ping of the field or package variable `obj` appears anywhere in the package. */
    const pingedElsewhere = (obj: Obj | null): boolean =>
      packageFuncs(sem).some(
        ({ decl, fileName }) =>
          decl.body !== null &&
          !fileName.endsWith("_test.go") &&
          containsCall(decl.body, (call) => {
            const name = sem.calleeName(call);
            if (name === null || !pingMethods.has(name)) return false;
            const fun = unparen(call.fun);
            if (fun.kind !== "SelectorExpr") return false;
            // stored in a composite literal: any field pinged counts
            if (obj === null) return unparen(fun.x).kind === "SelectorExpr";
            return storageObj(sem, fun.x) === obj;
          }),
      );

    /** Whether a caller of `fn` in this package reaches the database itself. */
    const callerChecks = (decl: ast.FuncDecl): boolean => {
      const fn = sem.objectOf(decl.name);
      if (fn === null) return false;
      return callersOf(sem, fn).some(
        ({ decl: caller, fileName }) =>
          !fileName.endsWith("_test.go") && caller.body !== null && reachesDB(caller.body, 0),
      );
    };

    const text = (x: ast.Node): string => {
      const s = ctx.source.decode(x.pos, x.end);
      return s.length <= 30 && !s.includes("\n") ? s : "a field";
    };

    const report = (call: ast.CallExpr, handed: Escape): void => {
      const fn = call.fun.kind === "SelectorExpr" ? call.fun.sel.name : "Open";
      const where =
        handed.how === "returned"
          ? "returned"
          : handed.at.kind === "CompositeLit"
            ? "stored in a struct"
            : `stored in ${text(handed.at)}`;
      ctx.report(
        call,
        `the *sql.DB from sql.${fn} is ${where} without Ping: sql.${fn} does not connect, so a wrong DSN or an unreachable database shows up only at the first query; call PingContext (or Ping) here and return its error`,
      );
    };

    return {
      CallExpr(call) {
        if (!sem.isCallTo(call, ...sqlOpenFuncs)) return;
        const target = openTarget(sem, call, ctx.ancestors);
        const fn = enclosingFunc(ctx.ancestors);
        // the outermost function: closures inside it count as its body
        let outer: ast.FuncDecl | ast.FuncLit | null = fn;
        for (const a of ctx.ancestors) {
          if (a.kind === "FuncDecl" || a.kind === "FuncLit") {
            outer = a;
            break;
          }
        }
        let handed: Escape | null = null;
        switch (target.kind) {
          case "returned":
            handed = { how: "returned", at: call, into: null };
            break;
          case "stored":
            handed = { how: "stored", at: target.at, into: target.obj };
            break;
          case "local":
            handed = fn === null || fn.body === null ? null : localEscape(sem, fn.body, target.obj);
            break;
          default:
            return;
        }
        if (handed === null) return;
        if (outer?.body != null && reachesDB(outer.body, 0)) return;
        if (handed.how === "stored" && pingedElsewhere(handed.into)) return;
        if (handed.how === "returned") {
          if (fn === null || fn.kind !== "FuncDecl" || callerChecks(fn)) return;
          if (handed.at.kind === "ReturnStmt" && pingedElsewhere(null)) return;
        }
        report(call, handed);
      },
    };
  },
});
