import { createServer, type IncomingMessage } from 'node:http';

/** How the fake answers: as OpenAI would, too late, with a server error, or with text that is not the JSON asked for. */
export type FakeMode = 'good' | 'slow' | 'error' | 'malformed';

export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content: string }>;
  response_format?: { type: string };
}

export interface FakeOpenAiServer {
  /** The base URL to configure, ending in /v1. */
  baseUrl: string;
  mode: FakeMode;
  /** How long `slow` keeps the client waiting. */
  slowMs: number;
  /** What `good` answers (the message content); by default a fixed JSON reply, or three summary lines for a briefing. */
  answer: (request: ChatRequest) => string;
  /** Every chat request received, newest last. */
  requests: ChatRequest[];
  stop(): Promise<void>;
}

const isBriefing = (r: ChatRequest) => r.messages[0]?.content.includes('brief a contact-center agent') ?? false;

export const defaultAnswer = (r: ChatRequest) =>
  isBriefing(r)
    ? 'Wants to know about opening hours.\nNothing collected.\nAsked for a person.'
    : JSON.stringify({ reply: 'We are open from nine to five on weekdays.', intent: null, neverHandleTopic: null });

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A small OpenAI-compatible server on loopback (`POST /v1/chat/completions`), for tests of the optional language model. */
export async function startFakeOpenAiServer(): Promise<FakeOpenAiServer> {
  const server = createServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    const request = JSON.parse(await bodyOf(req)) as ChatRequest;
    fake.requests.push(request);
    const send = (content: string) => {
      const completion = {
        id: `chatcmpl-${fake.requests.length}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: request.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
        usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
      };
      if (!res.destroyed) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion));
    };
    switch (fake.mode) {
      case 'good':
        return send(fake.answer(request));
      case 'malformed':
        return send('Sure! Here is my answer: we are open nine to five.');
      case 'error':
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'the model crashed', type: 'server_error' } }));
        return;
      case 'slow': {
        const timer = setTimeout(() => send(fake.answer(request)), fake.slowMs);
        res.on('close', () => clearTimeout(timer));
        return;
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const fake: FakeOpenAiServer = {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    mode: 'good',
    slowMs: 10_000,
    answer: defaultAnswer,
    requests: [],
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return fake;
}
