import { implementsError, unparen } from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type * as ast from "../../syntax/ast.js";

interface Directive {
  verb: string;
  /** Index of the operand among the arguments after the format. */
  arg: number;
}

/**
 * The verbs of a printf format and the operand each consumes, or null when the format uses
 * explicit argument indexes ([n]), which this reading does not follow.
 */
export function parseFormat(format: string): Directive[] | null {
  const out: Directive[] = [];
  let arg = 0;
  let i = 0;
  while (i < format.length) {
    if (format[i] !== "%") {
      i++;
      continue;
    }
    i++;
    while (i < format.length && "+-# 0".includes(format[i]!)) i++;
    if (format[i] === "[") return null;
    if (format[i] === "*") {
      arg++;
      i++;
    } else while (i < format.length && /[0-9]/.test(format[i]!)) i++;
    if (format[i] === ".") {
      i++;
      if (format[i] === "[") return null;
      if (format[i] === "*") {
        arg++;
        i++;
      } else while (i < format.length && /[0-9]/.test(format[i]!)) i++;
    }
    if (format[i] === "[") return null;
    if (i >= format.length) break;
    const verb = format[i]!;
    i++;
    if (verb === "%") continue;
    out.push({ verb, arg });
    arg++;
  }
  return out;
}

function text(ctx: RuleContext, x: ast.Expr): string {
  const s = ctx.source.decode(x.pos, x.end);
  return s.length <= 40 && !s.includes("\n") ? s : "the error";
}

export default defineRule({
  name: "error-wrap-verb",
  category: "errors",
  severity: "warning",
  needs: ["resolution", "types"],
  imports: ["fmt"],
  // Errors built by tests end in t.Fatal or a failure message; nobody unwraps them.
  skipTests: true,
  docs: {
    summary: "fmt.Errorf formats an error with %v or %s: the chain is lost; use %w",
    details: `\`fmt.Errorf("read config: %v", err)\` keeps the text of \`err\` and drops the error itself: the result is a plain string error. Callers up the stack can no longer ask \`errors.Is(err, fs.ErrNotExist)\` or \`errors.As(err, &pathErr)\`, so a missing file, a timeout or a sentinel of your own becomes indistinguishable from any other failure, and retries or fallbacks keyed on it stop working. The enterprise guide's golden rule is to add context and keep the chain: \`fmt.Errorf("load config from %s: %w", path, err)\`.

The rule reports a call to \`fmt.Errorf\` with a constant format in which an operand whose type is an error is formatted with \`%v\` or \`%s\`. Before Go 1.20 a format may hold only one \`%w\`, so the rule is silent when the format already wraps another error and the file is written for an older Go. Where hiding the cause is deliberate (an error crossing an API boundary), write \`err.Error()\` to say so. \`_test.go\` files are left out: the errors a test builds end in \`t.Fatal\` or a failure message, and nobody unwraps them; so are mismatch reports whose format says \`want\` or \`expected\` (the error there is an observed value, not a cause handed up), and errors built as the value of a \`panic\`.`,
    bad: `package config

import (
	"fmt"
	"os"
)

func Load(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load config from %s: %v", path, err)
	}
	return data, nil
}
`,
    good: `package config

import (
	"fmt"
	"os"
)

func Load(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load config from %s: %w", path, err)
	}
	return data, nil
}
`,
    source:
      'seed 004 "错误处理黄金法则" (use %w to keep the error chain); errorlint (fmt.Errorf wrapping verb)',
  },
  create(ctx) {
    return {
      CallExpr(call) {
        if (call.args.length < 2 || !ctx.sem.isCallTo(call, "fmt.Errorf")) return;
        const tv = ctx.sem.typeAndValue(call.args[0]!);
        if (tv === null || tv.value === null || tv.value.kind !== "String") return;
        // "Seek = %d, %v, want %d, nil": the error is an observed value in a mismatch report
        // (testing/iotest), not a cause handed up the stack
        if (/\bwant(ed)?\b|\bexpected\b/i.test(tv.value.value)) return;
        // the value of a panic is not unwrapped by anyone
        const holder = ctx.ancestors[ctx.ancestors.length - 1];
        if (holder?.kind === "CallExpr" && ctx.sem.typeAndValue(holder.fun)?.mode === "builtin") {
          const f = unparen(holder.fun);
          if (f.kind === "Ident" && f.name === "panic") return;
        }
        const directives = parseFormat(tv.value.value);
        if (directives === null) return;
        const wraps = directives.some((d) => d.verb === "w");
        if (wraps && !ctx.atLeast("1.20")) return;
        for (const d of directives) {
          if (d.verb !== "v" && d.verb !== "s") continue;
          const operand = call.args[1 + d.arg];
          if (operand === undefined) return;
          const t = ctx.sem.typeOf(operand);
          if (t === null || !implementsError(t)) continue;
          const e = text(ctx, operand);
          ctx.report(
            call,
            `fmt.Errorf formats ${e} with %${d.verb}, which keeps only its text: errors.Is and errors.As cannot reach it; use %w to wrap it`,
          );
          return;
        }
      },
    };
  },
});
