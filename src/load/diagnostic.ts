// Problems found while loading (go.mod, go.work, build constraints, package layout). Loading never
// throws on bad input: every problem becomes one of these values and the load goes on with what
// it could read.

export interface LoadDiagnostic {
  file: string;
  /** 1-based line, or 0 when the problem concerns the whole file or directory. */
  line: number;
  /** 1-based column in bytes (as gc and go/token count), or 0 when unknown. */
  column: number;
  message: string;
}

/** `file:line:col: message`, the form gc and go vet print; parts that are unknown are left out. */
export function formatDiagnostic(d: LoadDiagnostic): string {
  if (d.line > 0 && d.column > 0) return `${d.file}:${d.line}:${d.column}: ${d.message}`;
  if (d.line > 0) return `${d.file}:${d.line}: ${d.message}`;
  if (d.file !== "") return `${d.file}: ${d.message}`;
  return d.message;
}

export function diagnostic(file: string, line: number, column: number, message: string): LoadDiagnostic {
  return { file, line, column, message };
}
