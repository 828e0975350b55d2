// Runs rules over checked packages: one traversal per file, dispatching each node to the rules
// that asked for its kind (ESLint's merged-visitor model). A rule whose package lacks every
// import it is gated on is not even created. A rule that throws becomes an internal-error
// diagnostic naming the rule and the file, and the run goes on without it for that file.

import type { GoMod } from "../load/gomod.js";
import { compareGoVersions } from "../load/goversion.js";
import type { CheckedPackage } from "../semantic/program.js";
import { SemanticModel } from "../semantic/semantic-model.js";
import type * as ast from "../syntax/ast.js";
import type { SourceFile } from "../syntax/source.js";
import { forEachChild, reverseFrom } from "../syntax/walk.js";
import type { Finding, RunError } from "./finding.js";
import type { Range, RelatedLocation, RuleContext, RuleDefinition, Severity, Visitor } from "./rule.js";

/** A rule as configured for a run. */
export interface EnabledRule {
  rule: RuleDefinition;
  severity: Severity;
  options: Readonly<Record<string, unknown>>;
}

export interface AnalyzeOptions {
  /** Overrides every file's Go version (the --go flag). */
  goVersion?: string | null;
  /** Files to leave out (generated files, excluded paths). */
  skipFile?: (file: ast.File, source: SourceFile) => boolean;
}

export interface AnalysisResult {
  findings: Finding[];
  errors: RunError[];
}

type Handler = (node: ast.Node) => void;

/** A rule running over one file; once it throws, its handlers are skipped for the rest of the file. */
interface RuleRun {
  name: string;
  failed: boolean;
}

interface Dispatch {
  enter: Map<ast.NodeKind, { rule: RuleRun; fn: Handler }[]>;
  exit: Map<ast.NodeKind, { rule: RuleRun; fn: Handler }[]>;
}

/** Runs the rules with a `create` hook over every file of a checked package. */
export function analyzePackage(
  checked: CheckedPackage,
  rules: readonly EnabledRule[],
  options: AnalyzeOptions = {},
): AnalysisResult {
  const sem = new SemanticModel(checked);
  const result: AnalysisResult = { findings: [], errors: [] };
  const applicable = rules.filter(
    (r) =>
      r.rule.create !== undefined &&
      (r.rule.imports === undefined || r.rule.imports.some((p) => sem.imports(p))),
  );
  if (applicable.length === 0) return result;
  for (const parsed of checked.files) {
    if (options.skipFile?.(parsed.file, parsed.source)) continue;
    analyzeFile(sem, parsed.file, parsed.source, applicable, options, result);
  }
  return result;
}

function analyzeFile(
  sem: SemanticModel,
  file: ast.File,
  source: SourceFile,
  rules: readonly EnabledRule[],
  options: AnalyzeOptions,
  result: AnalysisResult,
): void {
  const ancestors: ast.Node[] = [];
  const goVersion = options.goVersion ?? sem.goVersion(file);
  const internalError = (rule: RuleRun, e: unknown, at: number): void => {
    rule.failed = true;
    const p = source.position(at);
    const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
    result.errors.push({
      kind: "internal",
      file: source.name,
      line: p.line,
      column: p.column,
      message: `internal error in rule ${rule.name}: ${detail}`,
    });
  };

  const dispatch: Dispatch = { enter: new Map(), exit: new Map() };
  const testFile = source.name.endsWith("_test.go");
  for (const enabled of rules) {
    const { rule } = enabled;
    if (testFile && rule.skipTests === true) continue;
    const ctx: RuleContext = {
      sem,
      file,
      source,
      goVersion,
      atLeast: (version) => compareGoVersions(goVersion, version) >= 0,
      ancestors,
      options: enabled.options,
      report: (at: Range, message: string, related: RelatedLocation[] = []) => {
        result.findings.push(makeFinding(source, rule, enabled.severity, at, message, related));
      },
    };
    const run: RuleRun = { name: rule.name, failed: false };
    let visitor: Visitor;
    try {
      visitor = rule.create!(ctx);
    } catch (e) {
      internalError(run, e, file.pos);
      continue;
    }
    for (const [key, fn] of Object.entries(visitor) as [string, Handler][]) {
      const exit = key.endsWith(":exit");
      const kind = (exit ? key.slice(0, -5) : key) as ast.NodeKind;
      const table = exit ? dispatch.exit : dispatch.enter;
      const list = table.get(kind);
      if (list === undefined) table.set(kind, [{ rule: run, fn }]);
      else list.push({ rule: run, fn });
    }
  }
  if (dispatch.enter.size === 0 && dispatch.exit.size === 0) return;

  const call = (handlers: { rule: RuleRun; fn: Handler }[] | undefined, node: ast.Node): void => {
    if (handlers === undefined) return;
    for (const h of handlers) {
      if (h.rule.failed) continue;
      try {
        h.fn(node);
      } catch (e) {
        internalError(h.rule, e, node.pos);
      }
    }
  };

  // Iterative preorder with exit events, allocation-free per node: one stack holds nodes to
  // enter, and each entered node is pushed back under its children with an exit mark.
  const stack: ast.Node[] = [file];
  const exiting: boolean[] = [false];
  const push = (c: ast.Node): void => {
    stack.push(c);
    exiting.push(false);
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (exiting.pop()!) {
      ancestors.pop();
      call(dispatch.exit.get(node.kind), node);
      continue;
    }
    call(dispatch.enter.get(node.kind), node);
    ancestors.push(node);
    stack.push(node);
    exiting.push(true);
    const base = stack.length;
    forEachChild(node, push);
    reverseFrom(stack, base); // the exit marks of the children are all false: no need to reverse them
  }
}

function makeFinding(
  source: SourceFile,
  rule: RuleDefinition,
  severity: Severity,
  at: Range,
  message: string,
  related: RelatedLocation[],
): Finding {
  const start = source.position(at.pos);
  const end = source.position(Math.max(at.pos, at.end));
  return {
    file: source.name,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    rule: rule.name,
    category: rule.category,
    severity,
    message,
    related: related.map((r) => {
      const p = source.position(r.pos);
      const e = source.position(Math.max(r.pos, r.end));
      return {
        file: source.name,
        line: p.line,
        column: p.column,
        endLine: e.line,
        endColumn: e.column,
        message: r.message,
      };
    }),
  };
}

/** Runs the rules with a `checkGoMod` hook over one go.mod. */
export function analyzeGoMod(goMod: GoMod, rules: readonly EnabledRule[]): AnalysisResult {
  const result: AnalysisResult = { findings: [], errors: [] };
  for (const enabled of rules) {
    const { rule } = enabled;
    if (rule.checkGoMod === undefined) continue;
    try {
      rule.checkGoMod({
        goMod,
        options: enabled.options,
        report: (at, message) => {
          result.findings.push({
            file: goMod.file,
            line: at.line,
            column: at.column,
            endLine: at.endLine,
            endColumn: at.endColumn,
            rule: rule.name,
            category: rule.category,
            severity: enabled.severity,
            message,
            related: [],
          });
        },
      });
    } catch (e) {
      result.errors.push({
        kind: "internal",
        file: goMod.file,
        line: 1,
        column: 1,
        message: `internal error in rule ${rule.name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      });
    }
  }
  return result;
}
