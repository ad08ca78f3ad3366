import type { DbPublishRequestRepository } from './DbPublishRequestRepository.ts';
import type { DbAuditLog } from './audit.ts';
import type { DbAccountRepository } from './DbAccountRepository.ts';
import type { EarlierCall, VoiceEvidence } from '@baton/shared';
import type { AgentSettings, CallbackRequest, ConversationTest, FlowDocument, FlowSummary, Persona, QueueSettings, StoredConversationTest, Versioned, WebhookSettings } from '@baton/shared';
import type { Precondition } from './nextVersion.ts';

export type { FlowSummary };


export interface PublishedVersion {
  flowId: string;
  publishedVersion: number;
  /** The draft version it was taken from. */
  draftVersion: number;
  publishedAt: string;
  /** A rollback: the earlier version published again as this one. */
  rolledBackFrom?: number;
  /** Who published it (a sign-in name, or `key "<name>"`), and why. */
  publishedBy?: string;
  note?: string;
  flow: FlowDocument;
}

export interface FlowRepository {
  list(): FlowSummary[];
  /** One flow's summary without copying the document (cheap: it runs on every call start). */
  summary(id: string): FlowSummary | undefined;
  get(id: string): (FlowDocument & { updatedAt: string; publishedVersion: number | null; publishedFromDraft: number | null }) | undefined;
  /** Stores a new flow with version 1; AppError 409 `flow_exists` if the id is taken. */
  create(flow: FlowDocument): Promise<FlowDocument>;
  /** Replaces the draft if its version is `expectedVersion` (else AppError 412 `version_mismatch`); returns it with version + 1. */
  update(id: string, flow: FlowDocument, expectedVersion: number): Promise<FlowDocument>;
  /** AppError 404 when missing. */
  remove(id: string): Promise<void>;
  /** Freezes the current draft as the next published version; with `draftVersion`, AppError 409 `draft_changed` if the draft has moved on from it. */
  publish(id: string, draftVersion?: number, note?: string): Promise<PublishedVersion>;
  /** Publishes published version `from` again as the newest one (the draft stays as it is); 404 for an unknown one. */
  rollback(id: string, from: number, note?: string): Promise<PublishedVersion>;
  versions(id: string): Array<Omit<PublishedVersion, 'flow'>>;
  version(id: string, publishedVersion: number): PublishedVersion | undefined;
  isEmpty(): boolean;
}

/** Each flow's conversation tests; every change is AppError 404 when the flow (or the test) is missing. */
export interface ConversationTestRepository {
  /** In the order they were added ([] for an unknown flow). */
  list(flowId: string): StoredConversationTest[];
  /** Adds tests, each with an id made from its name; AppError 409 `conversation_test_exists` if a name is taken (then none is added). */
  create(flowId: string, tests: ConversationTest[]): Promise<StoredConversationTest[]>;
  /** Replaces a test, keeping its id; AppError 409 `conversation_test_exists` if another test has the name. */
  update(flowId: string, testId: string, test: ConversationTest): Promise<StoredConversationTest>;
  remove(flowId: string, testId: string): Promise<void>;
}

/**
 * Simulated callers (personas), editable in the UI; seeded from flows/personas into an empty collection. Settings
 * records carry a version that goes up by one on every save; a replace names the version it was made from
 * (`expected`): AppError 428 `if_match_required` without one, 412 `version_mismatch` when someone else saved since.
 */
export interface PersonaRepository {
  /** Sorted by id. */
  list(): Array<Versioned<Persona>>;
  get(id: string): Versioned<Persona> | undefined;
  /** Stores a persona under its id, replacing one with that id (checked against `expected`). */
  put(persona: Persona, expected: Precondition): Promise<{ persona: Versioned<Persona>; created: boolean }>;
  isEmpty(): boolean;
}

/** Queues and their handoff webhooks; seeded from flows/staffing into an empty collection. */
export interface QueueRepository {
  /** Sorted by id. */
  list(): Array<Versioned<QueueSettings>>;
  get(id: string): Versioned<QueueSettings> | undefined;
  /** AppError 409 `queue_exists` if the id is taken. */
  create(queue: QueueSettings): Promise<Versioned<QueueSettings>>;
  /** Replaces a queue if it is still at version `expected`; AppError 404 when missing. */
  update(queue: QueueSettings, expected: number): Promise<Versioned<QueueSettings>>;
  /** Removes the queue and its webhook together; AppError 404 when missing. */
  remove(id: string): Promise<void>;
  webhook(queueId: string): Versioned<WebhookSettings> | undefined;
  /** Sets or replaces (checked against `expected`) the queue's webhook; AppError 404 when the queue is missing. */
  putWebhook(queueId: string, webhook: WebhookSettings, expected: Precondition): Promise<Versioned<WebhookSettings>>;
  isEmpty(): boolean;
}

/** The people calls are handed to; seeded from flows/staffing into an empty collection. */
export interface AgentRepository {
  /** Sorted by id. */
  list(): Array<Versioned<AgentSettings>>;
  get(id: string): Versioned<AgentSettings> | undefined;
  /** AppError 409 `agent_exists` if the id is taken. */
  create(agent: AgentSettings): Promise<Versioned<AgentSettings>>;
  /** Replaces an agent if it is still at version `expected`; AppError 404 when missing. */
  update(agent: AgentSettings, expected: number): Promise<Versioned<AgentSettings>>;
  /** AppError 404 when missing. */
  remove(id: string): Promise<void>;
  isEmpty(): boolean;
}

/** Call backs promised to callers; agents claim them in the desk. */
export interface CallbackRepository {
  list(): CallbackRequest[];
  /** AppError 409 if the id is taken. */
  add(callback: CallbackRequest): Promise<CallbackRequest>;
  /** AppError 404 when unknown, 409 `callback_already_claimed` when someone claimed it first. */
  claim(id: string, agentId: string, at: Date): Promise<CallbackRequest>;
}

/** A phone number and the flow that answers it. */
export interface NumberBinding {
  /** E.164, e.g. +442071234567. */
  number: string;
  flowId: string;
  updatedAt: string;
  /** Goes up by one on every save (If-Match). */
  version: number;
}

/** Which flow answers which phone number (telephony channels look the called number up here). */
export interface NumberRepository {
  /** Sorted by number. */
  list(): NumberBinding[];
  get(number: string): NumberBinding | undefined;
  /** Binds the number to the flow, replacing any binding it had (checked against `expected`). */
  put(number: string, flowId: string, expected: Precondition): Promise<{ binding: NumberBinding; created: boolean }>;
  /** AppError 404 when the number has no binding. */
  remove(number: string): Promise<void>;
}

/** Call records and events, appended as JSON Lines and never rewritten. */
export interface CallLog {
  /**
   * `key`: the record's place among the call's events (with several instances): a record appended again with the same
   * key — the same event taken again after the instance that first took it died before saving the call — is kept once.
   */
  append(callId: string, record: Record<string, unknown>, key?: string): void;
  /** Every record of one call, oldest first ([] when unknown). */
  read(callId: string): Promise<Array<Record<string, unknown>>>;
  /** Every record of each of these calls, which started on or after `since`, oldest first, read in one pass; calls not found are absent. */
  readCalls(callIds: readonly string[], since: Date): Promise<Map<string, Array<Record<string, unknown>>>>;
  /** Resolves once everything appended so far is on disk. */
  flush(): Promise<void>;
  /** Notes a finished call under the number it came from, for the briefing of that number's next call. */
  callEnded(phone: string, call: EarlierCall): void;
  /** The number's latest finished calls, newest first, at most `limit`. */
  earlierCalls(phone: string, limit: number): Promise<EarlierCall[]>;
  /**
   * The records analytics counts — a finished call's `facts`, an agent's `wrapUp` — after `cursor` (from the start
   * when undefined), oldest first, at most about `limit`; the cursor to go on from, and how many damaged lines were
   * skipped. What is still being written is left for the next read.
   */
  readFacts(cursor: string | undefined, limit: number): Promise<{ records: Array<Record<string, unknown>>; cursor: string | undefined; skipped: number }>;
}

/**
 * Calls in progress, kept where the next start finds them, so a restart or a crash does not drop them. What a call is
 * saved as belongs to the call service; the store only keeps each call's latest.
 */
export interface LiveCallStore {
  /**
   * The calls that were in progress when the data directory was last closed or its server died: for each, what was
   * saved of it since it was last saved whole (that first), oldest first.
   */
  interrupted(): Array<Array<Record<string, unknown>>>;
  /**
   * The call changed: `snapshot` is asked for what to save when a later batch is written — a JSON object, `whole` or
   * the changes since the call's previous save; null once the call is over — so a call that takes many turns in quick
   * succession is saved once. `urgent`: written in the next batch whatever else (its status changed).
   */
  changed(callId: string, snapshot: () => { text: string; whole: boolean } | null, urgent?: boolean): void;
  /** Resolves once every change so far is written. */
  flush(): Promise<void>;
}

/** A call as the shared store holds it: its version and, unless the version known here is the latest, its saved lines. */
export interface TakenCall {
  version: number;
  /**
   * The call whole, then its changes, oldest first (as `LiveCallStore.interrupted` gives each call); with `changesOnly`,
   * only the changes saved after the version known here.
   */
  lines?: Array<Record<string, unknown>>;
  changesOnly?: boolean;
  /** How many changes the call's saved lines hold after its last whole line (what this instance's next save follows). */
  changesSinceWhole: number;
}

/** What one event changed of a call, saved as the shared store lets the call go. */
export interface CallSave {
  /** A JSON object: the call whole, or its changes since its previous save. */
  text: string;
  whole: boolean;
  ended: boolean;
  /** When the caller's side last sent anything (ms), to find calls their caller left. */
  lastHeardAt: number;
  /** The call is at an AI step (not waiting in a queue or with an agent): the only calls a silent caller ends. */
  atAiStep: boolean;
}

/**
 * Calls in progress held where every Baton instance reaches them (Redis): any instance may take any call's event.
 * An instance takes a call for one event — exactly one instance acts on a call at a time — and saves what changed
 * before letting it go, so a call outlives its instance: another one takes it from what was saved last.
 */
export interface SharedCalls {
  /** This instance, as the other instances know it while it runs. */
  readonly instanceId: string;
  /** Any Redis command, for counts every instance shares (sign-in slowing, rate limits). */
  sendCommand(...command: string[]): Promise<unknown>;
  /** A new call, saved whole; this instance does not hold it afterwards. */
  create(callId: string, save: CallSave): Promise<number>;
  /**
   * Takes the call for one event, waiting while another running instance has it (AppError 503 after a while); with
   * its lines unless `knownVersion` is the latest. Undefined when the store does not know the call (none, or long over).
   */
  take(callId: string, knownVersion: number | undefined): Promise<TakenCall | undefined>;
  /**
   * Saves the event's change, if any, and lets the call go; returns its version, or undefined when another instance
   * took the call meanwhile (this one stopped answering for too long), whose save then stands.
   */
  release(callId: string, save: CallSave | undefined): Promise<number | undefined>;
  /** How many calls are in progress across every instance. */
  inProgress(): Promise<number>;
  /** Calls at an AI step on any instance whose caller's side has sent nothing since `before` (ms), longest silent first. */
  silentSince(before: number, limit: number): Promise<string[]>;
  /** Which call a Twilio CallSid belongs to, for a webhook that lands on another instance. */
  rememberCallSid(callSid: string, callId: string): Promise<void>;
  callIdForSid(callSid: string): Promise<string | undefined>;
  /** A webhook's answer (TwiML), so Twilio's retry gets the same one on whichever instance it lands. */
  webhookAnswer(key: string): Promise<string | undefined>;
  rememberWebhookAnswer(key: string, answer: string): Promise<void>;
  /**
   * Asks the instance that measures a phone call's voice (its media stream is connected there) for the evidence of the
   * turn just ended; undefined when no instance answers in time (no stream anywhere).
   */
  askVoice(callSid: string, take: boolean): Promise<{ evidence?: VoiceEvidence; streaming: boolean } | undefined>;
  /** How this instance answers `askVoice` for the calls whose voice it measures (undefined: not here); `take` consumes the turn's evidence. */
  answerVoice(answer: (callSid: string, take: boolean) => { evidence?: VoiceEvidence; streaming: boolean } | undefined): void;
  /** Sends a call's update to the instances that follow the call (see `follow`). */
  publish(callId: string, update: unknown): void;
  /**
   * The updates of one call that other instances send, for a caller's channel connected here: from when `ready`
   * resolves until `stop`. Only the instances following a call receive its updates, so a turn costs the same however
   * many instances run.
   */
  follow(callId: string, listener: (update: unknown) => void): { ready: Promise<void>; stop(): void };
  close(): Promise<void>;
}

/**
 * Routing shared by several instances: a log of routing's commands that every instance applies in the same order to
 * its own router, a snapshot of the state for an instance that joins, and one leader at a time.
 */
export interface RoutingLog {
  readonly instanceId: string;
  /** Appends a command; every instance (this one too) applies it when it comes round in the log. */
  append(command: Record<string, unknown>): Promise<void>;
  /** Starts from the last snapshot (`restore`), applies the commands after it, then follows the log. */
  open(restore: (state: unknown) => void, apply: (id: string, command: Record<string, unknown>) => void): Promise<void>;
  /** Whether this instance leads now: it appends the clock's ticks and saves snapshots. */
  isLeader(): boolean;
  /** The state after the command `id`; the commands up to it are dropped from the log. */
  saveSnapshot(id: string, state: unknown): Promise<void>;
  close(): Promise<void>;
}

/** Routing's live state kept through a restart on one machine (several instances keep it in Redis instead). */
export interface RoutingStateStore {
  /** The state last written, if any (read when the data directory was opened). */
  read(): unknown;
  write(state: unknown): Promise<void>;
}

export interface Store {
  flows: FlowRepository;
  conversationTests: ConversationTestRepository;
  personas: PersonaRepository;
  queues: QueueRepository;
  agents: AgentRepository;
  callbacks: CallbackRepository;
  numbers: NumberRepository;
  /** People, access keys and signed-in browsers. */
  accounts: DbAccountRepository;
  /** The audit trail: who changed what, sign-ins, people and keys. */
  audit: DbAuditLog;
  /** Analysts' requests to publish. */
  publishRequests: DbPublishRequestRepository;
  calls: CallLog;
  liveCalls: LiveCallStore;
  routingState?: RoutingStateStore;
  dataDir: string;
  /** Runs `work` while no other instance runs one, on the latest data (seeding an empty store once when several start together). */
  alone<T>(work: () => Promise<T>): Promise<T>;
  /** Resolves once this instance holds every change saved so far by any instance (reads are from memory). */
  fresh(): Promise<void>;
  /** Flushes and releases the data-directory lock. */
  close(): Promise<void>;
}
