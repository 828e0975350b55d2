// What a rule is: metadata and docs, and a visitor keyed by node kind. The runner merges every
// enabled rule's visitor into one traversal per file (ESLint's model), so a rule never walks
// the tree itself unless it must look inside a node it was handed.

import type { GoMod } from "../load/gomod.js";
import type { SemanticModel } from "../semantic/semantic-model.js";
import type * as ast from "../syntax/ast.js";
import type { SourceFile } from "../syntax/source.js";

export type Severity = "error" | "warning" | "info";

export const severityRank: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export type Category =
  | "concurrency"
  | "resources"
  | "http"
  | "sql"
  | "time"
  | "encoding"
  | "errors"
  | "correctness"
  | "performance"
  | "security"
  | "stdlib"
  | "modules";

/**
 * What a rule cannot be written without (RULES.md's "needs"): the syntax tree, name
 * resolution, types, control flow, the module's Go version, or go.mod.
 */
export type Need = "syntax" | "resolution" | "types" | "flow" | "version" | "gomod";

export interface RuleDocs {
  /** One line: what is wrong. */
  summary: string;
  /** The longer story: what happens at run time, when it matters, what to write instead. */
  details: string;
  /** Go code that triggers the rule (a whole file, with its package clause). */
  bad: string;
  /** The same code made right: it must not trigger the rule. */
  good: string;
  /** Where the pitfall comes from: seed documents and peer checks. */
  source: string;
}

/** A place in a file: a node, or any byte range. */
export interface Range {
  pos: number;
  end: number;
}

export interface RelatedLocation extends Range {
  message: string;
}

/** Everything a rule sees while one file of a package is traversed. */
export interface RuleContext {
  /** Types, objects, callees, uses and versions of the package. */
  readonly sem: SemanticModel;
  readonly file: ast.File;
  readonly source: SourceFile;
  /** The Go version this file is written for (--go, else `//go:build go1.N`, else go.mod). */
  readonly goVersion: string;
  /** Whether the file is written for Go `version` ("1.22") or later. */
  atLeast(version: string): boolean;
  /** The nodes enclosing the node being visited, outermost (the File) first, itself excluded. */
  readonly ancestors: readonly ast.Node[];
  /** The rule's options, from its defaults and the configuration. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Reports a finding at a node or range of this file. */
  report(at: Range, message: string, related?: RelatedLocation[]): void;
}

/** A handler per node kind, called in preorder; `<Kind>:exit` handlers after the node's children. */
export type Visitor = {
  [K in ast.NodeKind]?: (node: ast.NodeOfKind<K>) => void;
} & {
  [K in ast.NodeKind as `${K}:exit`]?: (node: ast.NodeOfKind<K>) => void;
};

/** What a go.mod rule sees: the parsed file and a way to report on its lines. */
export interface GoModContext {
  readonly goMod: GoMod;
  readonly options: Readonly<Record<string, unknown>>;
  /** Reports a finding at a 1-based line and byte column of go.mod. */
  report(at: { line: number; column: number; endLine: number; endColumn: number }, message: string): void;
}

export interface RuleDefinition {
  /** Stable kebab-case id, the rule's folder name. */
  name: string;
  category: Category;
  severity: Severity;
  needs: Need[];
  /** The rule runs only in packages that import at least one of these paths (none: always). */
  imports?: string[];
  /** Off unless enabled (for noisy info rules). */
  offByDefault?: boolean;
  /**
   * Test files (`_test.go`) are not given to the rule: tests provoke the pitfall on purpose, or
   * end with their process. The rule's docs say why.
   */
  skipTests?: boolean;
  /** Default option values; the configuration may override them. */
  options?: Record<string, unknown>;
  docs: RuleDocs;
  /** Called once per file of a package the rule applies to. */
  create?(ctx: RuleContext): Visitor;
  /** Called once per go.mod of the analyzed modules. */
  checkGoMod?(ctx: GoModContext): void;
}

export function defineRule(rule: RuleDefinition): RuleDefinition {
  return rule;
}
