// The sarif format: SARIF 2.1.0 (OASIS), which GitHub code scanning and other dashboards import.
// The driver describes every rule of the run with its docs, so that a dashboard can show why a
// finding matters without a link back to us. Locations are relative to the repository root
// under the `%SRCROOT%` base, so a log made in CI points into any checkout of the repository.
//
// Columns: SARIF counts columns in UTF-16 code units unless the run says otherwise
// (`columnKind`, whose only other value is Unicode code points; bytes are not an option), 1-based
// with an exclusive end column. Findings carry byte columns, so each is converted by reading its
// source line; the run states `columnKind: "utf16CodeUnits"` to leave no doubt.

import path from "node:path";
import { pathToFileURL } from "node:url";
import { ruleMarkdown } from "../analysis/docs.js";
import { compareFindings, type Location, type Report, type RunError } from "../analysis/finding.js";
import type { RuleDefinition, Severity } from "../analysis/rule.js";
import { compareRunErrors, type OutputOptions, relativePath, SourceLines } from "./common.js";

export const sarifSchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

/** The base id of repository-relative locations, the name GitHub's documentation uses. */
export const srcRootId = "%SRCROOT%";

/** package.json names no homepage yet: the package's page on the npm registry stands for it. */
const informationUri = "https://www.npmjs.com/package/gopitfall";

type Level = "error" | "warning" | "note";

const levels: Record<Severity, Level> = { error: "error", warning: "warning", info: "note" };

interface SarifMessage {
  text: string;
}

interface SarifPhysicalLocation {
  artifactLocation: { uri: string; uriBaseId?: string };
  region: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number };
}

interface SarifLocation {
  physicalLocation: SarifPhysicalLocation;
  message?: SarifMessage;
}

interface SarifRule {
  id: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: { text: string; markdown: string };
  defaultConfiguration: { enabled: boolean; level: Level };
  properties: { category: string; tags: string[] };
}

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: Level;
  message: SarifMessage;
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
}

interface SarifNotification {
  level: Level;
  message: SarifMessage;
  descriptor: { id: string };
  locations?: SarifLocation[];
}

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        semanticVersion: string;
        informationUri: string;
        rules: SarifRule[];
      };
    };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: SarifNotification[] }[];
    originalUriBaseIds: Record<string, { uri: string }>;
    columnKind: "utf16CodeUnits";
    results: SarifResult[];
  }[];
}

/** The rule's help as plain text, for viewers that do not render Markdown. */
function helpText(rule: RuleDefinition): string {
  const { docs } = rule;
  return [
    docs.summary,
    "",
    docs.details.trim(),
    "",
    "Bad:",
    "",
    docs.bad.trim(),
    "",
    "Good:",
    "",
    docs.good.trim(),
    "",
    `Source: ${docs.source.trim()}`,
  ].join("\n");
}

function sarifRule(rule: RuleDefinition): SarifRule {
  return {
    id: rule.name,
    shortDescription: { text: rule.docs.summary },
    fullDescription: { text: rule.docs.details.trim() },
    help: { text: helpText(rule), markdown: ruleMarkdown(rule) },
    defaultConfiguration: { enabled: rule.offByDefault !== true, level: levels[rule.severity] },
    // GitHub code scanning shows `tags` as filters; the category is the natural one.
    properties: { category: rule.category, tags: [rule.category] },
  };
}

/** A URI for `file`: relative to the repository root with the %SRCROOT% base, else absolute. */
function artifactLocation(file: string, root: string): SarifPhysicalLocation["artifactLocation"] {
  const rel = relativePath(file, root);
  if (rel === file) return { uri: pathToFileURL(file).href };
  const uri = rel
    .split(path.sep)
    .map((segment) => encodeURIComponent(segment))
    .join("/");
  return { uri, uriBaseId: srcRootId };
}

export function formatSarif(report: Report, options: OutputOptions): string {
  return `${JSON.stringify(sarifLog(report, options), null, 2)}\n`;
}

/** The SARIF log as an object, for callers that embed or merge it. */
export function sarifLog(report: Report, options: OutputOptions): SarifLog {
  const root = options.repoRoot ?? options.cwd;
  const sources = new SourceLines(options.readFile);
  const rules = [...options.rules].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const ruleIndex = new Map(rules.map((r, i) => [r.name, i]));

  const physical = (at: Location): SarifPhysicalLocation => ({
    artifactLocation: artifactLocation(at.file, root),
    region: {
      startLine: at.line,
      startColumn: sources.utf16Column(at.file, at.line, at.column),
      endLine: at.endLine,
      endColumn: sources.utf16Column(at.file, at.endLine, at.endColumn),
    },
  });

  const results = [...report.findings].sort(compareFindings).map((f): SarifResult => {
    const index = ruleIndex.get(f.rule);
    return {
      ruleId: f.rule,
      // A finding of a rule the caller did not describe (none should be) still names its rule.
      ...(index === undefined ? {} : { ruleIndex: index }),
      level: levels[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: physical(f) }],
      ...(f.related.length === 0
        ? {}
        : {
            relatedLocations: f.related.map((r) => ({
              physicalLocation: physical(r),
              message: { text: r.message },
            })),
          }),
    };
  });

  const notification = (e: RunError): SarifNotification => {
    const n: SarifNotification = {
      // A directive naming an unknown rule is a mistake in the code, not one that stopped analysis.
      level: e.kind === "directive" ? "warning" : "error",
      message: { text: e.message },
      descriptor: { id: e.kind },
    };
    if (e.file !== "" && e.line >= 1) {
      const region: SarifPhysicalLocation["region"] = { startLine: e.line };
      if (e.column >= 1) region.startColumn = sources.utf16Column(e.file, e.line, e.column);
      n.locations = [{ physicalLocation: { artifactLocation: artifactLocation(e.file, root), region } }];
    }
    return n;
  };
  const errors = [...report.errors].sort(compareRunErrors);

  return {
    $schema: sarifSchemaUri,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "gopitfall",
            version: options.version,
            semanticVersion: options.version,
            informationUri,
            rules: rules.map(sarifRule),
          },
        },
        invocations: [
          {
            // Input that does not parse is a finding about the input; the run itself failed only
            // when gopitfall broke or its configuration was wrong.
            executionSuccessful: !errors.some((e) => e.kind === "internal" || e.kind === "config"),
            toolExecutionNotifications: errors.map(notification),
          },
        ],
        originalUriBaseIds: {
          [srcRootId]: { uri: pathToFileURL(root.endsWith(path.sep) ? root : `${root}${path.sep}`).href },
        },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
}
