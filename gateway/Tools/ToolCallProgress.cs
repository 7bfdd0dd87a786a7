using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PandaMcp.Gateway.Sessions;

namespace PandaMcp.Gateway.Tools;

/// <summary>
/// Tells a client that gave a progress token how long its call has been waiting for PanDA, every
/// <see cref="SessionTransportOptions.ProgressInterval"/>, on the call's own stream. PanDA reports no progress
/// of its own, so this is the one thing to say: the call is alive.
/// </summary>
public sealed class ToolCallProgress(IOptions<SessionTransportOptions> options, TimeProvider time)
{
    public async Task<T> ReportUntilDoneAsync<T>(McpServer server, ProgressToken token, Task<T> call, CancellationToken cancellationToken)
    {
        var interval = options.Value.ProgressInterval;
        var started = time.GetTimestamp();
        var reports = 0;
        while (await Task.WhenAny(call, Task.Delay(interval, time, cancellationToken)) != call && !cancellationToken.IsCancellationRequested)
        {
            var waited = time.GetElapsedTime(started);
            try
            {
                await server.NotifyProgressAsync(token, new ProgressNotificationValue
                {
                    Progress = ++reports,
                    Message = $"Waiting for PanDA's answer: {waited.TotalSeconds:0} s so far.",
                }, cancellationToken: cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // A report that cannot go out must not lose the call's answer: stop reporting, keep waiting.
                break;
            }
        }
        return await call;
    }
}
