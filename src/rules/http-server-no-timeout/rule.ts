import { deref, isNamedType, literalFieldSetLater, unparen } from "../../analysis/astutil.js";
import { defineRule } from "../../analysis/rule.js";

/** Package functions that serve with a zero http.Server. */
const defaultServerFuncs = [
  "net/http.ListenAndServe",
  "net/http.ListenAndServeTLS",
  "net/http.Serve",
  "net/http.ServeTLS",
];

/** Server fields that bound how long a client may take to send its request headers. */
const headerTimeouts = ["ReadHeaderTimeout", "ReadTimeout"];

export default defineRule({
  name: "http-server-no-timeout",
  category: "http",
  severity: "warning",
  needs: ["resolution", "types"],
  imports: ["net/http"],
  skipTests: true,
  docs: {
    summary: "An HTTP server without ReadHeaderTimeout lets slow clients hold connections forever",
    details:
      "http.ListenAndServe, http.ListenAndServeTLS, http.Serve and http.ServeTLS serve with a zero " +
      "http.Server, and a http.Server literal gets the same zero timeouts for every field it leaves " +
      "out. Without ReadHeaderTimeout (or ReadTimeout, which also bounds the headers), a client that " +
      "opens connections and sends its headers one byte at a time (Slowloris) keeps each connection " +
      "and its goroutine for as long as it likes; a few hundred such clients exhaust file " +
      "descriptors or memory, and idle keep-alive connections are never reclaimed either. The rule " +
      "reports calls of the package-level helpers and http.Server literals (and new(http.Server)) " +
      "that set neither ReadHeaderTimeout nor ReadTimeout, unless one is assigned to the stored " +
      "server later. Test files and test-helper packages (named *test, as httptest: their servers " +
      "serve the test that started them) are not checked. Build a http.Server with at least " +
      "ReadHeaderTimeout (and IdleTimeout), and wrap slow handlers in http.TimeoutHandler.",
    bad: `package main

import "net/http"

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("hello"))
	})
	_ = http.ListenAndServe(":8080", nil)
}
`,
    good: `package main

import (
	"net/http"
	"time"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("hello"))
	})
	srv := &http.Server{
		Addr:              ":8080",
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       time.Minute,
	}
	_ = srv.ListenAndServe()
}
`,
    source:
      'seed 000 "不使用HTTP的默认配置" (do not use the default HTTP configuration, HTTP server); seed 001 #81 (10.7.2, HTTP server); gosec G112, G114',
  },
  create(ctx) {
    // Test files, and test-helper packages (httptest, named *test by Go's convention), talk to
    // local servers whose lifetime the test controls.
    if (ctx.file.name.name.endsWith("test")) return {};
    const advice = "set ReadHeaderTimeout (and IdleTimeout) on a http.Server";
    return {
      CallExpr(call) {
        const name = ctx.sem.calleeName(call);
        if (name !== null && defaultServerFuncs.includes(name)) {
          ctx.report(
            call,
            `http.${name.slice("net/http.".length)} serves with no timeouts: slow or idle clients hold ` +
              `connections and goroutines forever (Slowloris); ${advice} and call its method instead`,
          );
          return;
        }
        const fun = unparen(call.fun);
        if (fun.kind !== "Ident" || call.args.length !== 1) return;
        const obj = ctx.sem.objectOf(fun);
        if (obj?.kind !== "Builtin" || obj.name !== "new") return;
        if (!isNamedType(ctx.sem.typeOf(call.args[0]!), "net/http.Server")) return;
        ctx.report(
          call,
          `new(http.Server) has no ReadHeaderTimeout: slow clients hold connections and goroutines forever (Slowloris); ${advice}`,
        );
      },
      CompositeLit(lit) {
        const t = ctx.sem.typeOf(lit);
        if (t === null || !isNamedType(deref(t), "net/http.Server")) return;
        // a positional literal names every field
        if (lit.elts.length > 0 && lit.elts[0]!.kind !== "KeyValueExpr") return;
        for (const elt of lit.elts) {
          if (
            elt.kind === "KeyValueExpr" &&
            elt.key.kind === "Ident" &&
            headerTimeouts.includes(elt.key.name)
          )
            return;
        }
        if (literalFieldSetLater(ctx.sem, ctx.ancestors, lit, headerTimeouts)) return;
        ctx.report(
          lit,
          `http.Server has no ReadHeaderTimeout or ReadTimeout: slow clients hold connections and goroutines forever (Slowloris); ${advice}`,
        );
      },
    };
  },
});
