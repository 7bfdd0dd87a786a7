using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using PandaMcp.Contracts;
using PandaMcp.Silo.Telemetry;

namespace PandaMcp.Silo.Panda;

/// <summary>Sends calls to PanDA's REST API and reports the answer or the failure, never throwing for either.</summary>
public sealed partial class PandaClient(HttpClient http, IOptions<PandaClientOptions> options, SiloMetrics metrics, ILogger<PandaClient> logger)
{
    /// <summary>How much longer than <see cref="PandaClientOptions.Timeout"/> a whole call (retries, the body) may take.</summary>
    public static readonly TimeSpan CallTimeoutMargin = TimeSpan.FromSeconds(10);

    private readonly Uri _baseUrl = new(options.Value.BaseUrl.TrimEnd('/') + "/");

    public async Task<PandaReply> SendAsync(PandaCall call, CancellationToken cancellationToken)
    {
        using var request = PandaRequestEncoder.Encode(_baseUrl, call);
        var started = metrics.StartTimestamp();
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            // PanDA writes UTF-8; a charset a proxy adds (or gets wrong) must not turn an answer into an exception.
            var body = System.Text.Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(cancellationToken));
            LogAnswered(logger, call.Module, call.Function, (int)response.StatusCode);
            metrics.RecordPandaRequest(call, (int)response.StatusCode, PandaFailure.None, started);
            return new PandaReply((int)response.StatusCode, body);
        }
        catch (Exception e) when (e is TimeoutRejectedException || e is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, call.Module, call.Function, PandaFailure.Timeout);
            metrics.RecordPandaRequest(call, 0, PandaFailure.Timeout, started);
            return PandaReply.Failed(PandaFailure.Timeout, $"no answer within {options.Value.Timeout.TotalSeconds:0.#} s");
        }
        catch (BrokenCircuitException e)
        {
            LogFailed(logger, call.Module, call.Function, PandaFailure.Unreachable);
            metrics.RecordPandaRequest(call, 0, PandaFailure.Unreachable, started);
            var retryAfter = e.RetryAfter is { } wait ? $"; the gateway tries it again in {Math.Ceiling(wait.TotalSeconds)} s" : "";
            return PandaReply.Failed(PandaFailure.Unreachable,
                $"PanDA has been failing (no connection, no answer in time, or 502/503/504), so the gateway is not calling it for now{retryAfter}");
        }
        catch (HttpRequestException e)
        {
            LogFailed(logger, call.Module, call.Function, PandaFailure.Unreachable);
            metrics.RecordPandaRequest(call, 0, PandaFailure.Unreachable, started);
            return PandaReply.Failed(PandaFailure.Unreachable, Reason(e));
        }
    }

    private static string Reason(HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.ConnectionError => "the connection was refused or could not be made",
        HttpRequestError.NameResolutionError => "the host name could not be resolved",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed",
        HttpRequestError.ResponseEnded => "the connection closed before an answer came",
        HttpRequestError.ConfigurationLimitExceeded => "the answer was larger than the configured limit",
        _ => "the request failed before an answer came",
    };

    // Module and function only: arguments may name users, and credentials never reach a log.
    [LoggerMessage(EventId = LogEvents.PandaAnswered, Level = LogLevel.Debug, Message = "PanDA answered {Module}.{Function} with HTTP {Status}")]
    private static partial void LogAnswered(ILogger logger, string module, string function, int status);

    [LoggerMessage(EventId = LogEvents.PandaCallFailed, Level = LogLevel.Warning, Message = "PanDA call {Module}.{Function} failed: {Failure}")]
    private static partial void LogFailed(ILogger logger, string module, string function, PandaFailure failure);
}
