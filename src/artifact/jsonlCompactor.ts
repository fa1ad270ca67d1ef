/**
 * The per-byte step of the content check: removes the `\n` separators from inflated JSONL (what
 * LEI's content_hash is taken over) and counts the entries, in one pass over the bytes.
 *
 * An entry is a line as LEI's importer keeps one: `read_jsonl` splits on `\n` with `trim: true`,
 * which drops the empty strings (a blank line between two `\n`, and the one after the final
 * `\n`), then decodes each line with Poison and drops those that fail. A line of nothing but
 * JSON whitespace (space, tab, CR: Poison's whitespace besides the `\n` already split on) fails
 * to decode, so it is never a report either. So a line counts as an entry when it holds at least
 * one byte other than space, tab and CR. The check does not parse the lines: any other line LEI
 * would drop (malformed JSON, `null`) still counts, and the content_hash catches its damage.
 * Every byte except `\n` goes into the content_hash, blank lines' spaces included.
 *
 * The pass is a small WebAssembly routine with SIMD (thirty-two bytes a step inside a line, sixteen
 * around each `\n`), so it costs per byte, not per line: a JavaScript loop over lines pays a call
 * per line into `indexOf`, a copy and the hash. The hash then takes the compacted bytes in one
 * update per piece. Where WebAssembly is missing (node --jitless), the same rule runs as a plain
 * JavaScript loop, slower but the same.
 */

const NEWLINE = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;

/**
 * Bytes the compactor takes at a time: a quarter of zlib's inflate output piece, so the piece's
 * part, its copy and the compacted bytes the hash reads all stay in the core's cache.
 */
export const COMPACT_CAPACITY = 64 * 1024;

/** Removes `\n` from bytes and counts entries, keeping its state across calls. */
export interface JsonlCompactor {
  /** where the bytes to compact go (COMPACT_CAPACITY bytes) */
  readonly input: Uint8Array;
  /** where the compacted bytes come out (COMPACT_CAPACITY bytes) */
  readonly output: Uint8Array;
  /**
   * Compacts `input[0, length)`: its bytes other than `\n`, in order, go to `output[0, result)`.
   * A line may span calls.
   */
  compact(length: number): number;
  /** Entries that have started so far (a line counts at its first non-blank byte). */
  readonly entries: number;
  readonly engine: 'webassembly' | 'javascript';
}

/** The subset of the WebAssembly JS API used here (@types/node does not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

/** The entry-counting rule, byte by byte (the reference the WebAssembly routine follows). */
class ScalarCompactor implements JsonlCompactor {
  readonly engine = 'javascript';
  readonly input = new Uint8Array(COMPACT_CAPACITY);
  readonly output = new Uint8Array(COMPACT_CAPACITY);
  entries = 0;
  /** whether the current line has had a non-blank byte */
  private seen = false;

  compact(length: number): number {
    const { input, output } = this;
    let out = 0;
    for (let i = 0; i < length; i++) {
      const byte = input[i] as number;
      if (byte === NEWLINE) {
        this.seen = false;
        continue;
      }
      output[out++] = byte;
      if (!this.seen && byte !== SPACE && byte !== TAB && byte !== CR) {
        this.seen = true;
        this.entries++;
      }
    }
    return out;
  }
}

// WebAssembly encoding (core spec 5.4; SIMD opcodes follow the 0xfd prefix).
const I32 = 0x7f;
const V128 = 0x7b;
const VOID = 0x40;
const op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  globalGet: 0x23,
  globalSet: 0x24,
  i32Const: 0x41,
  eqz: 0x45,
  ltU: 0x49,
  gtU: 0x4b,
  geU: 0x4f,
  ctz: 0x68,
  add: 0x6a,
  sub: 0x6b,
  and: 0x71,
  or: 0x72,
  xor: 0x73,
  shl: 0x74,
  v128Load: [0xfd, 0x00, 0, 0], // align 1, offset 0
  v128Load16: [0xfd, 0x00, 0, 16], // align 1, offset 16
  v128Store: [0xfd, 0x0b, 0, 0],
  v128Store16: [0xfd, 0x0b, 0, 16],
  splat: [0xfd, 0x0f], // i8x16.splat
  eq8: [0xfd, 0x23], // i8x16.eq
  vOr: [0xfd, 0x50], // v128.or
  anyTrue: [0xfd, 0x53], // v128.any_true
  bitmask: [0xfd, 0x64], // i8x16.bitmask
};

/** LEB128, signed (i32.const operands) or unsigned (sizes and counts). */
function leb(value: number, signed: boolean): number[] {
  const bytes: number[] = [];
  for (;;) {
    const low = value & 0x7f;
    value = signed ? value >> 7 : value >>> 7;
    const done = signed
      ? (value === 0 && (low & 0x40) === 0) || (value === -1 && (low & 0x40) !== 0)
      : value === 0;
    bytes.push(done ? low : low | 0x80);
    if (done) return bytes;
  }
}

/**
 * Memory: the input at 0 (COMPACT_CAPACITY bytes and 16 more, so the last load of sixteen stays
 * inside), the output at OUTPUT_AT (COMPACT_CAPACITY and the last store's 16 more).
 */
const OUTPUT_AT = COMPACT_CAPACITY + 64;
const PAGES = Math.ceil((OUTPUT_AT + COMPACT_CAPACITY + 16) / 65536);

// Locals of `compact`: 0 is the length parameter; then the i32 IN..COUNT, then the v128 ones.
const [LEN, IN, OUT, P, LIM, REM, SEEN, COUNT] = [0, 1, 2, 3, 4, 5, 6, 7];
const [VEC, NL_LANES, SP_LANES, TAB_LANES, CR_LANES, VEC2] = [8, 9, 10, 11, 12, 13];
// Globals: 0 `entries` (exported; JavaScript takes and zeroes it after each call), 1 `seen`.
const [G_ENTRIES, G_SEEN] = [0, 1];

const get = (local: number): number[] => [op.localGet, local];
const set = (local: number): number[] => [op.localSet, local];
const i32 = (value: number): number[] => [op.i32Const, ...leb(value, true)];
const add = (local: number, ...value: number[]): number[] => [
  ...get(local),
  ...value,
  op.add,
  ...set(local),
];
/** i8x16.eq of VEC against the lanes of a splatted byte: a v128 on the stack */
const lanesEqual = (lanes: number): number[] => [...get(VEC), ...get(lanes), ...op.eq8];

/**
 * While no entry has started on the line (SEEN 0): one starts if any of the first LIM bytes of
 * VEC is not blank (space, tab, CR).
 */
const countEntry = (): number[] => [
  ...get(SEEN),
  op.eqz,
  op.if,
  VOID,
  ...[...lanesEqual(SP_LANES), ...lanesEqual(TAB_LANES), ...op.vOr],
  ...[...lanesEqual(CR_LANES), ...op.vOr, ...op.bitmask, ...i32(0xffff), op.xor],
  ...[...i32(1), ...get(LIM), op.shl, ...i32(1), op.sub, op.and],
  op.if,
  VOID,
  ...add(COUNT, ...i32(1)),
  ...[...i32(1), ...set(SEEN)],
  op.end,
  op.end,
];

/**
 * One step of sixteen bytes at IN: all of them go to OUT, and OUT moves past the LIM that belong
 * to the current line (up to its `\n`, or to LEN). A `\n` before LEN ends the line (IN moves past
 * it, SEEN back to 0); otherwise IN moves LIM on.
 */
const step = (): number[] => [
  ...[...get(IN), ...op.v128Load, ...set(VEC)],
  ...[...get(OUT), ...get(VEC), ...op.v128Store],
  ...[...lanesEqual(NL_LANES), ...op.bitmask, ...i32(0x10000), op.or, op.ctz, ...set(P)],
  ...[...get(LEN), ...get(IN), op.sub, ...set(REM)],
  ...[...get(P), ...get(REM), ...get(P), ...get(REM), op.ltU, op.select, ...set(LIM)],
  ...countEntry(),
  ...add(OUT, ...get(LIM)),
  ...[...get(P), ...get(REM), op.ltU, ...get(P), ...i32(16), op.ltU, op.and],
  op.if,
  VOID,
  ...add(IN, ...get(P), ...i32(1), op.add),
  ...[...i32(0), ...set(SEEN)],
  op.else,
  ...add(IN, ...get(LIM)),
  op.end,
];

/**
 * Inside an entry (SEEN 1), thirty-two bytes at a time straight from IN to OUT while none is
 * `\n`: the loop most bytes go through.
 */
const copyRun = (): number[] => [
  ...[...get(SEEN), op.if, VOID, op.block, VOID, op.loop, VOID],
  ...[...get(IN), ...i32(32), op.add, ...get(LEN), op.gtU, op.brIf, 1],
  ...[...get(IN), ...op.v128Load, ...set(VEC), ...get(IN), ...op.v128Load16, ...set(VEC2)],
  ...[...lanesEqual(NL_LANES), ...get(VEC2), ...get(NL_LANES), ...op.eq8, ...op.vOr],
  ...[...op.anyTrue, op.brIf, 1],
  ...[...get(OUT), ...get(VEC), ...op.v128Store, ...get(OUT), ...get(VEC2), ...op.v128Store16],
  ...add(IN, ...i32(32)),
  ...add(OUT, ...i32(32)),
  ...[op.br, 0, op.end, op.end, op.end],
];

/** compact(len) -> compacted length: runs of thirty-two and steps of sixteen until IN reaches LEN. */
const compactBody = (): number[] => [
  ...[NEWLINE, SPACE, TAB, CR].flatMap((byte, k) => [
    ...i32(byte),
    ...op.splat,
    ...set(NL_LANES + k),
  ]),
  ...[op.globalGet, G_SEEN, ...set(SEEN), op.globalGet, G_ENTRIES, ...set(COUNT)],
  ...[...i32(OUTPUT_AT), ...set(OUT)],
  ...[op.block, VOID, op.loop, VOID],
  ...copyRun(),
  ...[...get(IN), ...get(LEN), op.geU, op.brIf, 1],
  ...step(),
  ...[op.br, 0, op.end, op.end],
  ...[...get(SEEN), op.globalSet, G_SEEN, ...get(COUNT), op.globalSet, G_ENTRIES],
  ...[...get(OUT), ...i32(OUTPUT_AT), op.sub],
];

const section = (id: number, content: number[]): number[] => [
  id,
  ...leb(content.length, false),
  ...content,
];
const name = (text: string): number[] => [
  ...leb(text.length, false),
  ...Buffer.from(text, 'latin1'),
];

function moduleBytes(): Uint8Array {
  const locals = [2, 7, I32, 6, V128]; // IN..COUNT; VEC, the four splatted bytes, VEC2
  const body = [...locals, ...compactBody(), op.end];
  const mutableZero = [I32, 1, ...i32(0), op.end];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 1, I32, 1, I32]), // type 0: (i32) -> i32
    ...section(3, [1, 0]), // function 0 has type 0
    ...section(5, [1, 0x01, PAGES, PAGES]), // memory 0, fixed size
    ...section(6, [2, ...mutableZero, ...mutableZero]), // globals: entries, seen
    ...section(7, [
      3,
      ...[...name('compact'), 0x00, 0],
      ...[...name('memory'), 0x02, 0],
      ...[...name('entries'), 0x03, G_ENTRIES],
    ]),
    ...section(10, [1, ...leb(body.length, false), ...body]),
  ]);
}

class WasmCompactor implements JsonlCompactor {
  readonly engine = 'webassembly';
  readonly input: Uint8Array;
  readonly output: Uint8Array;
  entries = 0;
  private readonly run: (length: number) => number;
  private readonly counted: { value: number };

  constructor(api: WasmApi, module: object) {
    const { exports } = new api.Instance(module);
    const memory = (exports['memory'] as { buffer: ArrayBuffer }).buffer;
    this.input = new Uint8Array(memory, 0, COMPACT_CAPACITY);
    this.output = new Uint8Array(memory, OUTPUT_AT, COMPACT_CAPACITY);
    this.run = exports['compact'] as (length: number) => number;
    this.counted = exports['entries'] as { value: number };
  }

  compact(length: number): number {
    const out = this.run(length);
    this.entries += this.counted.value;
    this.counted.value = 0;
    return out;
  }
}

let compiled: { api: WasmApi; module: object } | null | undefined;

/** The module, compiled once per process; null where WebAssembly (or its SIMD) is not there. */
function wasmModule(): { api: WasmApi; module: object } | null {
  if (compiled !== undefined) return compiled;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    compiled = api ? { api, module: new api.Module(moduleBytes()) } : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

/** A compactor with its own state and buffers: WebAssembly where there is, else JavaScript. */
export function createJsonlCompactor(engine: 'auto' | 'scalar' = 'auto'): JsonlCompactor {
  const wasm = engine === 'auto' ? wasmModule() : null;
  return wasm ? new WasmCompactor(wasm.api, wasm.module) : new ScalarCompactor();
}
