using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;
using PandaMcp.Contracts.Sessions;
using PandaMcp.Gateway.Security;
using PandaMcp.Gateway.Tools;

namespace PandaMcp.Gateway.Sessions;

#pragma warning disable MCP9006 // The SDK's session hooks: obsolete only because 2026-07-28 has no sessions.

/// <summary>
/// Puts each new session in its grain, and lets this gateway serve a session another gateway started: the
/// SDK asks here when a request names a session it does not hold. The <see cref="SessionGate"/> has checked
/// the session against its grain already and left what it learned on the request.
/// </summary>
public sealed class GrainSessionMigrationHandler(IGrainFactory grains, IHttpContextAccessor currentRequest) : ISessionMigrationHandler
{
    /// <remarks>
    /// The SDK hands over the context of the request that created the session, also when a client sends
    /// initialize again later, after that request has ended: the identity is read from the current request.
    /// </remarks>
    public async ValueTask OnSessionInitializedAsync(HttpContext context, string sessionId, InitializeRequestParams initializeParams, CancellationToken cancellationToken)
    {
        var start = new SessionStart(
            CallerIdentity.Of(CallerCredentials.From(currentRequest.HttpContext)),
            JsonSerializer.Serialize(initializeParams, McpJsonUtilities.DefaultOptions),
            initializeParams.ProtocolVersion);
        await grains.GetGrain<ISessionGrain>(sessionId).StartAsync(start).WaitAsync(cancellationToken);
    }

    public ValueTask<InitializeRequestParams?> AllowSessionMigrationAsync(HttpContext context, string sessionId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(SessionGate.ViewOf(context) is { } view
            ? JsonSerializer.Deserialize<InitializeRequestParams>(view.InitializeParamsJson, McpJsonUtilities.DefaultOptions)
            : null);
}
