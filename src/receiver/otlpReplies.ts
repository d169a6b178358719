// The local receiver's OTLP/HTTP protobuf replies: ExportTraceServiceResponse and google.rpc.Status, in the
// protobuf wire format (src/model/otlpProto.ts decodes the requests).
import { WIRE_LEN, WIRE_VARINT } from '../model/otlpProto';

function encodeVarint(n: number, out: number[]): void {
  let v = n;
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

function lenField(no: number, bytes: Buffer, out: number[]): void {
  encodeVarint(no * 8 + WIRE_LEN, out);
  encodeVarint(bytes.length, out);
  for (const b of bytes) out.push(b);
}

/**
 * ExportTraceServiceResponse { ExportTracePartialSuccess partial_success = 1 { int64 rejected_spans = 1;
 * string error_message = 2; } }; with nothing rejected, the empty message (zero bytes).
 */
export function encodeTraceResponse(rejectedSpans = 0, errorMessage = ''): Buffer {
  if (rejectedSpans <= 0 && !errorMessage) return Buffer.alloc(0);
  const partial: number[] = [];
  if (rejectedSpans > 0) {
    encodeVarint(1 * 8 + WIRE_VARINT, partial);
    encodeVarint(rejectedSpans, partial);
  }
  if (errorMessage) lenField(2, Buffer.from(errorMessage, 'utf8'), partial);
  const out: number[] = [];
  lenField(1, Buffer.from(partial), out);
  return Buffer.from(out);
}

/** google.rpc.Status { int32 code = 1; string message = 2; }: the body of an OTLP/HTTP error reply. */
export function encodeStatus(code: number, message: string): Buffer {
  const out: number[] = [];
  if (code > 0) {
    encodeVarint(1 * 8 + WIRE_VARINT, out);
    encodeVarint(code, out);
  }
  if (message) lenField(2, Buffer.from(message, 'utf8'), out);
  return Buffer.from(out);
}
