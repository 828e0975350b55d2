import { unparen } from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type { Obj } from "../../semantic/objects.js";
import { isString, under } from "../../semantic/predicates.js";
import type * as ast from "../../syntax/ast.js";

/** Functions taking a "host:port" address, with the index of that argument. */
const addressArg = new Map<string, number>([
  ["net.Dial", 1],
  ["net.DialTimeout", 1],
  ["net.Listen", 1],
  ["net.ListenPacket", 1],
  ["net.ResolveTCPAddr", 1],
  ["net.ResolveUDPAddr", 1],
  ["(*net.Dialer).Dial", 1],
  ["(*net.Dialer).DialContext", 2],
  ["(*net.ListenConfig).Listen", 2],
  ["(*net.ListenConfig).ListenPacket", 2],
  ["crypto/tls.Dial", 1],
  ["crypto/tls.DialWithDialer", 2],
  ["crypto/tls.Listen", 1],
  ["(*crypto/tls.Dialer).Dial", 1],
  ["(*crypto/tls.Dialer).DialContext", 2],
  ["net/http.ListenAndServe", 0],
  ["net/http.ListenAndServeTLS", 0],
  ["net/smtp.Dial", 0],
  ["net/smtp.SendMail", 0],
  ["net/rpc.Dial", 1],
  ["net/rpc.DialHTTP", 1],
  ["google.golang.org/grpc.Dial", 0],
  ["google.golang.org/grpc.DialContext", 1],
  ["google.golang.org/grpc.NewClient", 0],
]);

const hostPortFormat = /^%[sdv]:%[sdv]$/;

/** Whether x is a constant (its value is known, so it is no host variable). */
function isConstant(ctx: RuleContext, x: ast.Expr): boolean {
  return ctx.sem.typeAndValue(x)?.mode === "constant";
}

/**
 * Whether x is a constant, or a variable only ever set once, to a constant name without a
 * colon (`hostname := "mail.example.com"`, as net/smtp's example): its value is a known name,
 * never an IPv6 literal.
 */
function holdsConstant(ctx: RuleContext, x: ast.Expr, constantName: (obj: Obj) => boolean): boolean {
  if (isConstant(ctx, x)) return true;
  const e = unparen(x);
  if (e.kind !== "Ident") return false;
  const obj = ctx.sem.objectOf(e);
  return obj !== null && obj.kind === "Var" && constantName(obj);
}

function constString(ctx: RuleContext, x: ast.Expr): string | null {
  const tv = ctx.sem.typeAndValue(x);
  return tv !== null && tv.value !== null && tv.value.kind === "String" ? tv.value.value : null;
}

/** The operands of a chain of string `+`, left to right. */
function concatOperands(x: ast.Expr, out: ast.Expr[]): void {
  const e = unparen(x);
  if (e.kind === "BinaryExpr" && e.op === "+") {
    concatOperands(e.x, out);
    concatOperands(e.y, out);
  } else out.push(e);
}

/**
 * Whether x joins a variable host and a port with ":" by hand: `fmt.Sprintf("%s:%d", h, p)`,
 * `h + ":" + p`, `h + ":8080"`.
 */
function isHostPortBuild(ctx: RuleContext, x: ast.Expr, constantName: (obj: Obj) => boolean): boolean {
  const e = unparen(x);
  if (e.kind === "CallExpr") {
    if (e.args.length !== 3 || !ctx.sem.isCallTo(e, "fmt.Sprintf")) return false;
    const format = constString(ctx, e.args[0]!);
    return format !== null && hostPortFormat.test(format) && !holdsConstant(ctx, e.args[1]!, constantName);
  }
  if (e.kind !== "BinaryExpr" || e.op !== "+" || isConstant(ctx, e)) return false;
  const t = ctx.sem.typeOf(e);
  if (t === null || !isString(under(t))) return false;
  const ops: ast.Expr[] = [];
  concatOperands(e, ops);
  for (let i = 1; i < ops.length; i++) {
    const s = constString(ctx, ops[i]!);
    if (s === null || holdsConstant(ctx, ops[i - 1]!, constantName)) continue;
    if (s === ":" && i + 1 < ops.length && !isConstant(ctx, ops[i + 1]!)) return true;
    if (/^:[0-9]+$/.test(s)) return true;
  }
  return false;
}

interface Pending {
  /** The address expression, or null when it is held in `variable`. */
  expr: ast.Expr | null;
  variable: Obj | null;
  sink: string;
  at: ast.Node;
}

export default defineRule({
  name: "host-port-concat",
  category: "stdlib",
  severity: "warning",
  needs: ["resolution", "types"],
  imports: ["net", "net/http", "crypto/tls", "net/smtp", "net/rpc", "google.golang.org/grpc"],
  docs: {
    summary:
      'An address built with host + ":" + port or Sprintf("%s:%d"): breaks on IPv6; use net.JoinHostPort',
    details: `A network address joins host and port with a colon, but an IPv6 literal is full of colons: \`"::1" + ":" + "8080"\` gives \`::1:8080\`, which \`net.Dial\` rejects ("too many colons in address") or, worse, splits in the wrong place. The form Go expects is \`[::1]:8080\`, and \`net.JoinHostPort(host, port)\` writes it, adding brackets exactly when the host needs them; \`net.SplitHostPort\` is its inverse. The common-mistakes notes recommend the standard library for exactly this: joining and splitting IP and port by hand works in development with \`localhost\` and breaks in a dual-stack or IPv6-only production network.

The rule reports \`fmt.Sprintf("%s:%d", host, port)\` and \`host + ":" + port\` (or \`host + ":8080"\`), where the host is not a constant (nor a variable set once, to a constant name without a colon, such as \`hostname := "mail.example.com"\`), when the result is passed to \`net.Dial\`, \`net.Listen\` and their relatives in \`net\`, \`crypto/tls\`, \`net/http\`, \`net/smtp\`, \`net/rpc\` and gRPC, or stored in a string field named \`Addr\` (\`http.Server{Addr: ...}\`), directly or through a local variable assigned once.`,
    bad: `package client

import (
	"fmt"
	"net"
)

func Connect(host string, port int) (net.Conn, error) {
	return net.Dial("tcp", fmt.Sprintf("%s:%d", host, port))
}
`,
    good: `package client

import (
	"net"
	"strconv"
)

func Connect(host string, port int) (net.Conn, error) {
	return net.Dial("tcp", net.JoinHostPort(host, strconv.Itoa(port)))
}
`,
    source:
      'seed 000 "使用标准库函数" (joining IP and port); gocritic and staticcheck discussions of net.JoinHostPort; go vet hostport (Go 1.25)',
  },
  create(ctx) {
    const defs = new Map<Obj, ast.Expr>();
    const assignments = new Map<Obj, number>();
    const pending: Pending[] = [];
    const addressed = new Set<Obj>();
    const constantName = (obj: Obj): boolean => {
      if (assignments.get(obj) !== 1 || addressed.has(obj)) return false;
      const def = defs.get(obj);
      const v = def === undefined ? null : constString(ctx, def);
      return v !== null && !v.includes(":");
    };

    const noteAssign = (lhs: ast.Expr, rhs: ast.Expr | null): void => {
      const l = unparen(lhs);
      if (l.kind !== "Ident" || l.name === "_") return;
      const obj = ctx.sem.objectOf(l);
      if (obj === null || obj.kind !== "Var") return;
      assignments.set(obj, (assignments.get(obj) ?? 0) + 1);
      if (rhs !== null) defs.set(obj, rhs);
    };

    const sinkValue = (x: ast.Expr, sink: string, at: ast.Node): void => {
      const e = unparen(x);
      if (e.kind === "Ident") {
        const obj = ctx.sem.objectOf(e);
        if (obj !== null && obj.kind === "Var" && !obj.isField)
          pending.push({ expr: null, variable: obj, sink, at });
        return;
      }
      pending.push({ expr: e, variable: null, sink, at });
    };

    /** A string field named Addr: http.Server's and many clients' address. */
    const isAddrField = (id: ast.Ident): boolean => {
      if (id.name !== "Addr") return false;
      const obj = ctx.sem.objectOf(id);
      return obj !== null && obj.kind === "Var" && obj.isField && isString(under(obj.type));
    };

    return {
      AssignStmt(stmt) {
        const single = stmt.lhs.length === stmt.rhs.length && (stmt.tok === "=" || stmt.tok === ":=");
        stmt.lhs.forEach((lhs, i) => {
          noteAssign(lhs, single ? stmt.rhs[i]! : null);
          const l = unparen(lhs);
          if (single && l.kind === "SelectorExpr" && isAddrField(l.sel))
            sinkValue(stmt.rhs[i]!, "the Addr field", l);
        });
      },
      ValueSpec(spec) {
        const single = spec.names.length === spec.values.length;
        spec.names.forEach((name, i) => {
          noteAssign(name, single ? spec.values[i]! : null);
        });
      },
      UnaryExpr(u) {
        // a variable whose address is taken may be set anywhere
        const x = unparen(u.x);
        if (u.op !== "&" || x.kind !== "Ident") return;
        const obj = ctx.sem.objectOf(x);
        if (obj !== null) addressed.add(obj);
      },
      KeyValueExpr(kv) {
        if (kv.key.kind === "Ident" && isAddrField(kv.key)) sinkValue(kv.value, "the Addr field", kv.key);
      },
      CallExpr(call) {
        const name = ctx.sem.calleeName(call);
        if (name === null) return;
        const i = addressArg.get(name);
        if (i === undefined || i >= call.args.length) return;
        sinkValue(call.args[i]!, name, call);
      },
      "File:exit"() {
        const reported = new Set<ast.Expr>();
        for (const p of pending) {
          let build: ast.Expr | null | undefined = p.expr;
          if (p.variable !== null) {
            // a variable assigned more than once may hold another value at the use
            if (assignments.get(p.variable) !== 1) continue;
            build = defs.get(p.variable);
          }
          if (
            build === null ||
            build === undefined ||
            reported.has(build) ||
            !isHostPortBuild(ctx, build, constantName)
          )
            continue;
          reported.add(build);
          ctx.report(
            build,
            `address for ${p.sink} is built by joining host and port with ":", which breaks for IPv6 hosts ("::1" needs brackets); use net.JoinHostPort(host, port)`,
            build.pos <= p.at.pos && p.at.end <= build.end
              ? []
              : [{ pos: p.at.pos, end: p.at.end, message: "the address is used here" }],
          );
        }
      },
    };
  },
});
