// The official TypeScript SDK client against a running gateway: connects over Streamable HTTP with the caller's
// Authorization and Origin headers, lists the tools, calls one, ends the session. Prints one JSON object.
//
//   node sdk-client.mjs --url http://127.0.0.1:PORT/mcp --token TOKEN --origin atlas --tool NAME [--arguments JSON]
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { readOptions, report } from './options.mjs';

const options = readOptions();
const transport = new StreamableHTTPClientTransport(options.url, { requestInit: { headers: options.headers } });
const client = new Client({ name: 'pandamcp-interop-sdk-client', version: '1.0.0' });
await client.connect(transport);
const sessionId = transport.sessionId;
const protocolVersion = transport.protocolVersion;

const tools = [];
let cursor;
do {
    const page = await client.listTools(cursor ? { cursor } : undefined);
    tools.push(...page.tools);
    cursor = page.nextCursor;
} while (cursor);

const result = await client.callTool({ name: options.tool, arguments: options.toolArguments });

// DELETE ends the session on the server, as a well-behaved client does when it is done.
await transport.terminateSession();
await client.close();

report({
    protocolVersion,
    sessionId,
    serverInfo: client.getServerVersion(),
    toolCount: tools.length,
    toolNames: tools.map(t => t.name),
    sessionEnded: transport.sessionId === undefined,
    result,
});
