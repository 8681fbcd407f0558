// An sRGB (IEC 61966-2-1) ICC colour profile, version 2.1, built from the standard's numbers: the
// PDF/A output intent that tells a reader what the certificate's DeviceRGB colours mean. pdf-lib
// ships no profile and none is vendored, so it is made here: a display-class matrix/TRC profile
// (the form every colour-management system reads) with the D50-adapted sRGB primaries, the D65
// media white point, and the sRGB transfer curve sampled at 1024 points. Pure and deterministic.

/** What the output intent calls this condition (the name the ICC registry uses for sRGB). */
export const SRGB_CONDITION = 'sRGB IEC61966-2.1';

type Xyz = readonly [number, number, number];

// Bradford-adapted to the D50 profile connection space, as the ICC's own sRGB v2 profiles carry them.
const RED: Xyz = [0.436066, 0.222488, 0.013916];
const GREEN: Xyz = [0.385147, 0.716873, 0.097076];
const BLUE: Xyz = [0.143066, 0.060608, 0.714096];
const MEDIA_WHITE: Xyz = [0.950455, 1, 1.089050];
const PCS_ILLUMINANT: Xyz = [0.964203, 1, 0.824905];
const CURVE_POINTS = 1024;

const ascii = (text: string): Uint8Array => new Uint8Array([...text].map((c) => c.charCodeAt(0) & 0x7f));
const pad4 = (n: number): number => (n + 3) & ~3;

class Writer {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }
  u8(at: number, value: number): void {
    this.view.setUint8(at, value);
  }
  u16(at: number, value: number): void {
    this.view.setUint16(at, value);
  }
  u32(at: number, value: number): void {
    this.view.setUint32(at, value);
  }
  s15f16(at: number, value: number): void {
    this.view.setInt32(at, Math.round(value * 65536));
  }
  sig(at: number, text: string): void {
    this.bytes.set(ascii(text.padEnd(4, ' ').slice(0, 4)), at);
  }
  put(at: number, data: Uint8Array): void {
    this.bytes.set(data, at);
  }
}

function xyzTag(value: Xyz): Uint8Array {
  const w = new Writer(20);
  w.sig(0, 'XYZ ');
  value.forEach((component, i) => w.s15f16(8 + i * 4, component));
  return w.bytes;
}

/** textDescriptionType (ICC v2): the ASCII description, empty Unicode and ScriptCode parts. */
function descriptionTag(text: string): Uint8Array {
  const chars = ascii(text);
  const w = new Writer(pad4(12 + chars.length + 1 + 4 + 4 + 2 + 1 + 67));
  w.sig(0, 'desc');
  w.u32(8, chars.length + 1);
  w.put(12, chars);
  return w.bytes;
}

function textTag(text: string): Uint8Array {
  const chars = ascii(text);
  const w = new Writer(pad4(8 + chars.length + 1));
  w.sig(0, 'text');
  w.put(8, chars);
  return w.bytes;
}

/** The sRGB electro-optical transfer function, sampled: linear segment below 0.04045, 2.4 power above. */
function curveTag(): Uint8Array {
  const w = new Writer(12 + CURVE_POINTS * 2);
  w.sig(0, 'curv');
  w.u32(8, CURVE_POINTS);
  for (let i = 0; i < CURVE_POINTS; i++) {
    const v = i / (CURVE_POINTS - 1);
    const linear = v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    w.u16(12 + i * 2, Math.round(linear * 65535));
  }
  return w.bytes;
}

let cached: Uint8Array | undefined;

/** The profile's bytes (built once; about 2.6 KB). */
export function srgbIccProfile(): Uint8Array {
  if (cached) return cached;
  const curve = curveTag();
  // Tags in order; the three TRC tags share one curve, as ICC allows.
  const data: [string, Uint8Array][] = [
    ['desc', descriptionTag(SRGB_CONDITION)],
    ['cprt', textTag('No copyright, use freely')],
    ['wtpt', xyzTag(MEDIA_WHITE)],
    ['rXYZ', xyzTag(RED)],
    ['gXYZ', xyzTag(GREEN)],
    ['bXYZ', xyzTag(BLUE)],
    ['rTRC', curve],
  ];
  const shared: [string, string][] = [['gTRC', 'rTRC'], ['bTRC', 'rTRC']];
  const tagCount = data.length + shared.length;
  let offset = 128 + 4 + tagCount * 12;
  const placed = new Map<string, { offset: number; size: number }>();
  for (const [signature, bytes] of data) {
    placed.set(signature, { offset, size: bytes.length });
    offset = pad4(offset + bytes.length);
  }
  const w = new Writer(offset);
  // Header (ICC.1:2001-04 §6.1).
  w.u32(0, offset);
  w.u32(8, 0x02100000); // version 2.1.0
  w.sig(12, 'mntr');
  w.sig(16, 'RGB ');
  w.sig(20, 'XYZ ');
  [2024, 1, 1, 0, 0, 0].forEach((part, i) => w.u16(24 + i * 2, part));
  w.sig(36, 'acsp');
  w.u32(64, 0); // perceptual rendering intent
  PCS_ILLUMINANT.forEach((component, i) => w.s15f16(68 + i * 4, component));
  // Tag table.
  w.u32(128, tagCount);
  let entry = 132;
  for (const [signature, bytes] of data) {
    const at = placed.get(signature);
    if (!at) throw new Error(`ICC tag ${signature} was not placed`);
    w.sig(entry, signature);
    w.u32(entry + 4, at.offset);
    w.u32(entry + 8, at.size);
    w.put(at.offset, bytes);
    entry += 12;
  }
  for (const [signature, target] of shared) {
    const at = placed.get(target);
    if (!at) throw new Error(`ICC tag ${target} was not placed`);
    w.sig(entry, signature);
    w.u32(entry + 4, at.offset);
    w.u32(entry + 8, at.size);
    entry += 12;
  }
  cached = w.bytes;
  return cached;
}
