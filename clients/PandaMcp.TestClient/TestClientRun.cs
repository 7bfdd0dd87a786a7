using System.Reflection;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using PandaMcp.Clients;

namespace PandaMcp.TestClient;

/// <summary>
/// One run: connect, list the tools, call one, print the result. Results go to <paramref name="output"/>; each
/// failure is one line on <paramref name="error"/> and an exit code (<see cref="ExitCodes"/>), never a stack trace.
/// </summary>
internal sealed class TestClientRun(TextWriter output, TextWriter error)
{
    public const string Name = "panda-mcp-test-client";

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public async Task<int> RunAsync(TestClientSettings settings, CancellationToken cancellationToken)
    {
        HttpClient http;
        try
        {
            http = new HttpClient(CaBundle.CreateHandler(settings.CaBundle));
        }
        catch (CaBundleException e)
        {
            return await FailAsync(ExitCodes.UsageOrConnection, e.Message);
        }

        McpClient client;
        IList<McpClientTool> tools;
        try
        {
            client = await ConnectAsync(settings, http, cancellationToken);
            tools = await client.ListToolsAsync(cancellationToken: cancellationToken);
        }
        // A test client's whole job is to say whether the server works: any failure to reach it is the answer.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return await FailAsync(ExitCodes.UsageOrConnection, $"no MCP server answered at {settings.Endpoint}: {OneLine.Of(e)}");
        }

        await using (client)
        {
            var server = client.ServerInfo is { } info ? $"{info.Name} {info.Version}" : "an MCP server";
            await output.WriteLineAsync($"Connected to {server} at {settings.Endpoint} (protocol {client.NegotiatedProtocolVersion})");
            await output.WriteLineAsync($"\nAvailable tools ({tools.Count}):");
            foreach (var tool in tools)
            {
                await output.WriteLineAsync(FirstLine(tool.Description) is { Length: > 0 } line ? $"- {tool.Name}: {line}" : $"- {tool.Name}");
            }

            var resolution = ToolNameResolver.Resolve(settings.Tool, tools.Select(t => t.Name).ToList());
            if (resolution.Name is not { } name)
            {
                return await FailAsync(ExitCodes.UsageOrConnection, resolution.Problem!);
            }
            var schema = tools.First(t => t.Name == name).ProtocolTool.InputSchema;
            var arguments = ToolArguments.Convert(settings.Arguments, schema);
            await output.WriteLineAsync($"\nCalling {name} with {JsonSerializer.Serialize(arguments, Compact)}:");

            CallToolResult result;
            try
            {
                result = await client.CallToolAsync(name, arguments.ToDictionary(a => a.Key, a => (object?)a.Value), cancellationToken: cancellationToken);
            }
            catch (McpProtocolException e)
            {
                return await FailAsync(ExitCodes.ToolError, $"{name} failed: {OneLine.Of(e)}");
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                return await FailAsync(ExitCodes.UsageOrConnection, $"the call to {name} got no answer: {OneLine.Of(e)}");
            }

            await PrintAsync(result);
            return result.IsError == true
                ? await FailAsync(ExitCodes.ToolError, $"{name} returned an error (printed above)")
                : ExitCodes.Success;
        }
    }

    private static async Task<McpClient> ConnectAsync(TestClientSettings settings, HttpClient http, CancellationToken cancellationToken)
    {
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Endpoint = settings.Endpoint,
                TransportMode = settings.Sse ? HttpTransportMode.Sse : HttpTransportMode.StreamableHttp,
                AdditionalHeaders = PandaAuthHeaders.For(settings.Token, settings.Vo).ToDictionary(),
            },
            http,
            ownsHttpClient: true);
        return await McpClient.CreateAsync(
            transport,
            new McpClientOptions { ClientInfo = new Implementation { Name = Name, Version = Version } },
            cancellationToken: cancellationToken);
    }

    private async Task PrintAsync(CallToolResult result)
    {
        foreach (var block in result.Content)
        {
            await output.WriteLineAsync(block is TextContentBlock text ? text.Text : $"[{block.Type} content]");
        }
        if (result.Content.Count == 0 && result.StructuredContent is { } structured)
        {
            await output.WriteLineAsync(structured.GetRawText());
        }
    }

    private async Task<int> FailAsync(int exitCode, string message)
    {
        await error.WriteLineAsync($"{Name}: {message}");
        return exitCode;
    }

    private static string? FirstLine(string? text) =>
        text?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();

    private static string Version { get; } =
        typeof(TestClientRun).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
