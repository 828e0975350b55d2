import { leakOf, type ResourceKind } from "../../analysis/lifecycle.js";
import { defineRule } from "../../analysis/rule.js";

/** Calls that open an *os.File the caller must close. */
const FILE_OPENERS = new Set(["os.Open", "os.Create", "os.OpenFile", "os.CreateTemp", "io/ioutil.TempFile"]);

const FILE: ResourceKind = { name: "os-file", releases: [["Close"]], resourceFields: [] };

export default defineRule({
  name: "file-not-closed",
  category: "resources",
  severity: "warning",
  needs: ["resolution", "types", "flow"],
  imports: ["os", "io/ioutil"],
  // Tests are short-lived processes that provoke failures on purpose (a dropped result whose
  // error is expected, a body left open to exercise the transport): their leaks never reach
  // production, and reporting them drowns the real ones.
  skipTests: true,
  docs: {
    summary: "An *os.File is not closed on every path",
    details:
      "An open `*os.File` holds a file descriptor until `Close`. The finalizer that closes a forgotten file runs " +
      "only when the garbage collector gets to it, which under a steady load can be never: a service that opens a " +
      "file per request without closing it on an early-return path hits the process's descriptor limit (`too many " +
      "open files`) and then fails every accept, dial and open. Write `defer f.Close()` right after checking the " +
      "error of `os.Open`. The rule follows every path; files returned, stored, or handed to a function that may " +
      "close them are left alone (a helper of the same package that closes its parameter on every path counts as " +
      "the close), and so are `main` and `init` of a command, whose files close when the process exits. " +
      "Test files are left alone: a test is a short-lived process that provokes failures on purpose.",
    bad: `package config

import (
	"encoding/json"
	"errors"
	"os"
)

func Load(path string, v any) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if st.Size() == 0 {
		return errors.New("empty config")
	}
	defer f.Close()
	return json.NewDecoder(f).Decode(v)
}
`,
    good: `package config

import (
	"encoding/json"
	"errors"
	"os"
)

func Load(path string, v any) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if st.Size() == 0 {
		return errors.New("empty config")
	}
	return json.NewDecoder(f).Decode(v)
}
`,
    source: "001 #79 (关闭瞬态资源: os.File); staticcheck and gosec G307 for the close itself",
  },
  create(ctx) {
    const command = ctx.file.name.name === "main";
    return {
      CallExpr(call) {
        const name = ctx.sem.calleeName(call);
        if (name === null || !FILE_OPENERS.has(name)) return;
        if (command) {
          const fn = ctx.ancestors.findLast((n) => n.kind === "FuncDecl");
          if (
            fn?.kind === "FuncDecl" &&
            fn.recv === null &&
            (fn.name.name === "main" || fn.name.name === "init")
          )
            return;
        }
        const leak = leakOf(ctx, call, FILE);
        if (leak === null) return;
        const what = ctx.source.decode(call.fun.pos, call.fun.end);
        const v = leak.creation.holder?.name ?? "f";
        ctx.report(
          call,
          `the file opened by ${what} is not closed ${leak.where}: its descriptor leaks until the process runs out ("too many open files"); defer ${v}.Close() right after checking the error`,
          leak.related,
        );
      },
    };
  },
});
