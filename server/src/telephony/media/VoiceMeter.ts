import type { VoiceEvidence } from '@baton/shared';
import { FRAME_BYTES, FRAME_MS, frameLevelDb } from './frameLevel.ts';

/** A frame louder than this holds speech (line noise and breathing sit well below). */
export const VOICED_FLOOR_DB = -50;
/**
 * How far above the caller's baseline, and for how long, counts as a raised voice unless the caller of `takeTurn` says
 * otherwise. The level is already a median over a second, so 1 s of it takes about 1.5-2 s of raised talk.
 */
export const RAISED_DELTA_DB = 6;
export const RAISED_FOR_MS = 1000;

/** The baseline is the median of the caller's first 3 s of voiced audio; it is known after 1 s of it. */
const BASELINE_FRAMES = 150;
const BASELINE_MIN_FRAMES = 50;
/**
 * The level is the median of the last second of voiced frames: one loud syllable is not a raised voice. A median rather
 * than an average compares like with like with the baseline, and keeps the edges of a raised stretch where they are,
 * so its duration is measured rather than smeared.
 */
const WINDOW_FRAMES = 50;
/** After a long silence (the AI speaking, say) the average starts afresh, and needs half a second of speech first. */
const RESTART_AFTER_FRAMES = 75;
const WINDOW_MIN_FRAMES = 25;
/** A pause between words or sentences shorter than this does not end a stretch of raised voice. */
const PAUSE_FRAMES = 30;
/** Sustained time is measured over the last 30 s of a turn; the peak over all of it. */
const HISTORY_FRAMES = 1500;

const NOT_SPEAKING = -Infinity;
const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * One caller's voice level from their media stream, against their own usual level: callers and lines differ too much
 * for an absolute level to mean anything. Feed it μ-law frames; `takeTurn` gives the evidence for the audio since the
 * previous turn.
 */
export class VoiceMeter {
  private readonly baseline = new Float64Array(BASELINE_FRAMES);
  private baselineCount = 0;
  private baselineValue: number | null = null;
  /** The window's levels in arrival order (a ring), and the same levels sorted. */
  private readonly window = new Float64Array(WINDOW_FRAMES);
  private readonly sorted = new Float64Array(WINDOW_FRAMES);
  private windowCount = 0;
  private windowNext = 0;
  private framesSinceVoiced = Infinity;
  /** Per frame since the turn began: the smoothed level above the baseline while the caller speaks, else NOT_SPEAKING. */
  private readonly history = new Float32Array(HISTORY_FRAMES);
  private historyFrames = 0;
  private peak = NOT_SPEAKING;
  private readonly partial = new Uint8Array(FRAME_BYTES);
  private partialBytes = 0;

  /** The caller's usual level in dBFS, once a second of their speech has been heard. */
  get baselineDb(): number | null {
    return this.baselineValue;
  }

  /** Takes μ-law audio of any length; a trailing part of a frame waits for the next call. */
  write(bytes: Uint8Array): void {
    let i = 0;
    if (this.partialBytes > 0) {
      const n = Math.min(FRAME_BYTES - this.partialBytes, bytes.length);
      this.partial.set(bytes.subarray(0, n), this.partialBytes);
      this.partialBytes += n;
      i = n;
      if (this.partialBytes < FRAME_BYTES) return;
      this.pushFrame(this.partial, 0);
      this.partialBytes = 0;
    }
    for (; i + FRAME_BYTES <= bytes.length; i += FRAME_BYTES) this.pushFrame(bytes, i);
    if (i < bytes.length) {
      this.partial.set(bytes.subarray(i), 0);
      this.partialBytes = bytes.length - i;
    }
  }

  /** Analyses one 20 ms frame (160 μ-law bytes from `offset`). */
  pushFrame(bytes: Uint8Array, offset = 0): void {
    this.pushLevel(frameLevelDb(bytes, offset));
  }

  /** Analyses one 20 ms frame given its level in dBFS. */
  pushLevel(levelDb: number): void {
    let delta = NOT_SPEAKING;
    if (levelDb > VOICED_FLOOR_DB) {
      if (this.framesSinceVoiced > RESTART_AFTER_FRAMES) this.clearWindow();
      this.framesSinceVoiced = 0;
      if (this.baselineCount < BASELINE_FRAMES) this.learnBaseline(levelDb);
      this.slideWindow(levelDb);
    } else {
      this.framesSinceVoiced++;
    }
    if (this.baselineValue !== null && this.windowCount >= WINDOW_MIN_FRAMES && this.framesSinceVoiced <= PAUSE_FRAMES) {
      delta = medianOf(this.sorted, this.windowCount) - this.baselineValue;
      if (delta > this.peak) this.peak = delta;
    }
    this.history[this.historyFrames % HISTORY_FRAMES] = delta;
    this.historyFrames++;
  }

  /**
   * The evidence for the audio since the previous turn, then starts a new turn (the baseline stays). `raised` when the
   * smoothed level stayed `thresholdDb` above the baseline for `forMs`. Undefined when the caller was not heard
   * speaking in the turn, or not for long enough yet to know their usual level.
   */
  takeTurn(thresholdDb = RAISED_DELTA_DB, forMs = RAISED_FOR_MS): VoiceEvidence | undefined {
    const peak = this.peak;
    const longest = this.longestRunAbove(thresholdDb);
    this.peak = NOT_SPEAKING;
    this.historyFrames = 0;
    // A pause held open from the previous turn would carry its level into this one.
    this.framesSinceVoiced = Math.max(this.framesSinceVoiced, PAUSE_FRAMES + 1);
    if (this.baselineValue === null || peak === NOT_SPEAKING) return undefined;
    const sustainedMs = longest * FRAME_MS;
    return { baselineDb: round1(this.baselineValue), peakDeltaDb: round1(peak), sustainedMs, raised: sustainedMs >= forMs };
  }

  private longestRunAbove(thresholdDb: number): number {
    const frames = Math.min(this.historyFrames, HISTORY_FRAMES);
    const first = this.historyFrames - frames;
    let longest = 0;
    let run = 0;
    for (let i = first; i < this.historyFrames; i++) {
      run = this.history[i % HISTORY_FRAMES] >= thresholdDb ? run + 1 : 0;
      if (run > longest) longest = run;
    }
    return longest;
  }

  /** Keeps the caller's first voiced levels sorted, so the baseline is their running median. */
  private learnBaseline(levelDb: number): void {
    let i = this.baselineCount++;
    while (i > 0 && this.baseline[i - 1] > levelDb) {
      this.baseline[i] = this.baseline[i - 1];
      i--;
    }
    this.baseline[i] = levelDb;
    if (this.baselineCount >= BASELINE_MIN_FRAMES) this.baselineValue = medianOf(this.baseline, this.baselineCount);
  }

  private slideWindow(levelDb: number): void {
    const sorted = this.sorted;
    let n = this.windowCount;
    if (n === WINDOW_FRAMES) {
      const oldest = this.window[this.windowNext];
      let i = 0;
      while (sorted[i] !== oldest) i++;
      sorted.copyWithin(i, i + 1, n);
      n--;
    }
    let i = n;
    while (i > 0 && sorted[i - 1] > levelDb) {
      sorted[i] = sorted[i - 1];
      i--;
    }
    sorted[i] = levelDb;
    this.windowCount = n + 1;
    this.window[this.windowNext] = levelDb;
    this.windowNext = (this.windowNext + 1) % WINDOW_FRAMES;
  }

  private clearWindow(): void {
    this.windowCount = 0;
    this.windowNext = 0;
  }
}

function medianOf(sorted: Float64Array, n: number): number {
  const middle = n >> 1;
  return n % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
