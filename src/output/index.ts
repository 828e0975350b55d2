// The output formats of a run, and the dispatcher the command line calls for --format.

import type { Report } from "../analysis/finding.js";
import { formatCheckstyle } from "./checkstyle.js";
import type { OutputOptions } from "./common.js";
import { formatGithub } from "./github.js";
import { formatJson } from "./json.js";
import { formatSarif } from "./sarif.js";
import { formatText } from "./text.js";

export { escapeXml, formatCheckstyle } from "./checkstyle.js";
export { type OutputOptions, relativePath } from "./common.js";
export { escapeData, escapeProperty, formatGithub } from "./github.js";
export { formatJson } from "./json.js";
export { formatSarif, type SarifLog, sarifLog, sarifSchemaUri, srcRootId } from "./sarif.js";
export { formatText } from "./text.js";

export const outputFormats = ["text", "json", "sarif", "github", "checkstyle"] as const;

export type OutputFormat = (typeof outputFormats)[number];

export function isOutputFormat(s: string): s is OutputFormat {
  return (outputFormats as readonly string[]).includes(s);
}

const formatters: Record<OutputFormat, (report: Report, options: OutputOptions) => string> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  checkstyle: formatCheckstyle,
};

/** Renders `report` in `format`: the whole output, ending in a newline unless empty. */
export function formatReport(report: Report, format: OutputFormat, options: OutputOptions): string {
  return formatters[format](report, options);
}
