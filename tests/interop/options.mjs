// Command-line options shared by the client scripts, and the caller's PanDA headers they send.
import { parseArgs } from 'node:util';

/**
 * --url (the gateway's /mcp), --token (an ID token, sent as Authorization: Bearer), --origin (the VO, sent as
 * Origin), --tool and --arguments (a JSON object) name the tool call; scripts add their own options.
 */
export function readOptions(extra = {}) {
    const { values } = parseArgs({
        options: {
            url: { type: 'string' },
            token: { type: 'string' },
            origin: { type: 'string' },
            tool: { type: 'string' },
            arguments: { type: 'string', default: '{}' },
            ...extra,
        },
    });
    if (!values.url || !values.tool) {
        throw new Error('--url and --tool are required');
    }
    const headers = {};
    if (values.token) {
        headers.Authorization = `Bearer ${values.token}`;
    }
    if (values.origin) {
        headers.Origin = values.origin;
    }
    return { ...values, url: new URL(values.url), headers, toolArguments: JSON.parse(values.arguments) };
}

/** Prints the script's one JSON result on stdout, for the C# test to read. */
export function report(result) {
    process.stdout.write(JSON.stringify(result) + '\n');
}
