// Stream resumption with the official TypeScript SDK client, as its own examples do it (a request's
// onresumptiontoken, then resumptionToken): a tool call whose stream is lost mid-call still delivers its result.
//
//  1. Client A opens a session and calls the tool; the test has made PanDA slow for that route. The server opens
//     the call's SSE stream with a priming event whose id is the resumption token. As soon as A has it, A's
//     transport is closed: the POST's connection is aborted before the result exists, and A's request fails.
//  2. The script waits --wait-ms, so the result is written while no client listens.
//  3. Client B, a new transport in the same session, sends the request with resumptionToken = A's last event id.
//     The SDK sends GET with Last-Event-ID; the server replays the stream after that event: the result.
//
//   node sdk-resume.mjs --url URL --token TOKEN --origin atlas --tool NAME [--arguments JSON] [--wait-ms 1500]
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { readOptions, report } from './options.mjs';

const options = readOptions({ 'wait-ms': { type: 'string', default: '1500' } });
const request = { method: 'tools/call', params: { name: options.tool, arguments: options.toolArguments } };
const clientInfo = { name: 'pandamcp-interop-sdk-resume', version: '1.0.0' };

// 1. Client A: a session, a call, and a dropped connection after the first event id.
const transportA = new StreamableHTTPClientTransport(options.url, { requestInit: { headers: options.headers } });
const clientA = new Client(clientInfo);
await clientA.connect(transportA);
const sessionId = transportA.sessionId;
const protocolVersion = transportA.protocolVersion;

const tokensBeforeDrop = [];
let firstToken;
const gotFirstToken = new Promise(resolve => (firstToken = resolve));
const firstAttempt = clientA
    .request(request, CallToolResultSchema, {
        onresumptiontoken: token => {
            tokensBeforeDrop.push(token);
            firstToken(token);
        },
    })
    .then(
        result => ({ outcome: 'result', result }),
        error => ({ outcome: 'error', message: String(error?.message ?? error) }),
    );
let timer;
const noToken = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no event id within 10 s')), 10_000)));
await Promise.race([gotFirstToken, noToken]).finally(() => clearTimeout(timer));
await clientA.close();
const firstOutcome = await firstAttempt;
const droppedAt = Date.now();

// 2. The result is produced while nobody listens.
await new Promise(resolve => setTimeout(resolve, Number(options['wait-ms'])));

// 3. Client B resumes the stream in the same session (connect skips initialize when the session id is given).
const resumedFrom = tokensBeforeDrop.at(-1);
const transportB = new StreamableHTTPClientTransport(options.url, { sessionId, requestInit: { headers: options.headers } });
transportB.setProtocolVersion(protocolVersion);
const clientB = new Client(clientInfo);
await clientB.connect(transportB);
const result = await clientB.request(request, CallToolResultSchema, { resumptionToken: resumedFrom, timeout: 20_000 });
const resumedAfterMs = Date.now() - droppedAt;
await transportB.terminateSession();
await clientB.close();

report({
    protocolVersion,
    sessionId,
    tokensBeforeDrop,
    firstAttempt: firstOutcome,
    resumedFrom,
    resumedAfterMs,
    result,
});
