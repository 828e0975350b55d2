import { leakOf, type ResourceKind } from "../../analysis/lifecycle.js";
import { defineRule } from "../../analysis/rule.js";

/**
 * Calls that return a *sql.Stmt the caller must close. A statement prepared on a transaction is
 * closed with the transaction, so Tx.Prepare is not listed.
 */
const STMT_MAKERS = new Set(
  ["*database/sql.DB", "*database/sql.Conn"].flatMap((r) => [`(${r}).Prepare`, `(${r}).PrepareContext`]),
);

const STMT: ResourceKind = { name: "sql-stmt", releases: [["Close"]], resourceFields: [] };

export default defineRule({
  name: "stmt-not-closed",
  category: "resources",
  severity: "warning",
  needs: ["resolution", "types", "flow"],
  imports: ["database/sql"],
  // Tests are short-lived processes that provoke failures on purpose (a dropped result whose
  // error is expected, a body left open to exercise the transport): their leaks never reach
  // production, and reporting them drowns the real ones.
  skipTests: true,
  docs: {
    summary: "A prepared *sql.Stmt is not closed on every path",
    details:
      "A statement prepared with `db.Prepare` is prepared on every connection that runs it and stays prepared, " +
      "server side, until `Close`. Preparing per call without closing leaks statements on the database server " +
      "(MySQL refuses new ones past `max_prepared_stmt_count`) and memory in the client. Close it with " +
      "`defer stmt.Close()` after checking the error, or keep one prepared statement for the life of the program. " +
      "Statements returned, stored or handed to a function that may close them are left alone, and so are " +
      "statements prepared on a transaction (`tx.Prepare`), which close with the transaction. " +
      "Test files are left alone: a test is a short-lived process that provokes failures on purpose.",
    bad: `package store

import "database/sql"

func Rename(db *sql.DB, id int, name string) error {
	stmt, err := db.Prepare("UPDATE users SET name = ? WHERE id = ?")
	if err != nil {
		return err
	}
	_, err = stmt.Exec(name, id)
	return err
}
`,
    good: `package store

import "database/sql"

func Rename(db *sql.DB, id int, name string) error {
	stmt, err := db.Prepare("UPDATE users SET name = ? WHERE id = ?")
	if err != nil {
		return err
	}
	defer stmt.Close()
	_, err = stmt.Exec(name, id)
	return err
}
`,
    source: "001 #78 (预处理语句); golangci-lint sqlclosecheck",
  },
  create(ctx) {
    return {
      CallExpr(call) {
        const name = ctx.sem.calleeName(call);
        if (name === null || !STMT_MAKERS.has(name)) return;
        const leak = leakOf(ctx, call, STMT);
        if (leak === null) return;
        const what = ctx.source.decode(call.fun.pos, call.fun.end);
        const v = leak.creation.holder?.name ?? "stmt";
        ctx.report(
          call,
          `the statement prepared by ${what} is not closed ${leak.where}: it stays prepared on the server and in the pool; defer ${v}.Close() after checking the error`,
          leak.related,
        );
      },
    };
  },
});
