import { leakOf, type ResourceKind } from "../../analysis/lifecycle.js";
import { defineRule } from "../../analysis/rule.js";

const RECEIVERS = ["*database/sql.DB", "*database/sql.Tx", "*database/sql.Conn", "*database/sql.Stmt"];

/** Calls that return *sql.Rows, which hold a connection until closed. */
const ROWS_MAKERS = new Set(RECEIVERS.flatMap((r) => [`(${r}).Query`, `(${r}).QueryContext`]));

const ROWS: ResourceKind = {
  name: "sql-rows",
  releases: [["Close"]],
  resourceFields: [],
  // Rows close themselves when Next returns false: the loop that reads them to the end releases them.
  releasedWhenFalse: "Next",
};

export default defineRule({
  name: "rows-not-closed",
  category: "resources",
  severity: "error",
  needs: ["resolution", "types", "flow"],
  imports: ["database/sql"],
  // Tests are short-lived processes that provoke failures on purpose (a dropped result whose
  // error is expected, a body left open to exercise the transport): their leaks never reach
  // production, and reporting them drowns the real ones.
  skipTests: true,
  docs: {
    summary: "*sql.Rows from a query are not closed on every path",
    details:
      "`*sql.Rows` holds its database connection until it is closed. `Rows` closes itself when `Next` returns false, " +
      "but every other way out of the reading loop — a `return` on a `Scan` error, a `break` after the first match, " +
      "an early return before the loop — leaves the connection busy. With `SetMaxOpenConns` the pool runs dry and " +
      "every later query waits forever; without it, connections pile up on the server. Write " +
      "`defer rows.Close()` right after checking the query's error. The rule follows every path: a loop `for " +
      "rows.Next()` that ends normally counts as closing, and rows returned, stored or handed to a function that " +
      "may close them are left alone (a helper of the same package is read: if it closes its parameter on every " +
      "path, the call counts as the close). " +
      "Test files are left alone: a test is a short-lived process that provokes failures on purpose.",
    bad: `package store

import "database/sql"

func Names(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT name FROM users")
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}
`,
    good: `package store

import "database/sql"

func Names(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT name FROM users")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}
`,
    source: "001 #79 (关闭瞬态资源: sql.Rows); golangci-lint sqlclosecheck",
  },
  create(ctx) {
    return {
      CallExpr(call) {
        const name = ctx.sem.calleeName(call);
        if (name === null || !ROWS_MAKERS.has(name)) return;
        const leak = leakOf(ctx, call, ROWS);
        if (leak === null) return;
        const what = ctx.source.decode(call.fun.pos, call.fun.end);
        const v = leak.creation.holder?.name ?? "rows";
        ctx.report(
          call,
          `the rows of ${what} are not closed ${leak.where}: they keep their database connection busy and the pool runs dry; defer ${v}.Close() right after checking the error`,
          leak.related,
        );
      },
    };
  },
});
