// Messages between the fuzzer and its parsing worker.

export interface ParseRequest {
  id: number;
  name: string;
  bytes: Uint8Array;
  importsOnly: boolean;
}

export type ParseReply =
  | { id: number; ok: true; ms: number }
  | { id: number; ok: false; ms: number; error: { name: string; message: string; stack: string } };
