using Microsoft.Extensions.Options;
using PandaEmulator.Hosting;

namespace PandaEmulator.Faults;

/// <summary>
/// Draws the latency and failures of each PanDA request from the settings in force. The settings are one
/// immutable object swapped whole, so the hot path reads a reference and takes no lock.
/// </summary>
internal sealed partial class FaultInjector
{
    private readonly ILogger<FaultInjector> _logger;
    private volatile FaultSettings _settings;

    public FaultInjector(IOptions<EmulatorOptions> options, ILogger<FaultInjector> logger)
    {
        _logger = logger;
        var start = options.Value.Faults;
        _settings = new FaultSettings
        {
            DelayMs = start.DelayMs,
            DelayJitterMs = start.DelayJitterMs,
            ErrorRate = start.ErrorRate,
            CloseRate = start.CloseRate,
            Routes = start.Routes?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        };
    }

    public FaultSettings Current => _settings;

    /// <summary>Replaces the settings; returns the problems instead when they are not valid.</summary>
    public IReadOnlyList<string> Replace(FaultSettings settings)
    {
        var problems = settings.Problems();
        if (problems.Count == 0)
        {
            _settings = settings;
            LogFaultsChanged(_logger, settings.DelayMs, settings.ErrorRate, settings.CloseRate, settings.PerRoute?.Count ?? 0);
        }
        return problems;
    }

    public FaultDecision Decide(string route)
    {
        var settings = _settings;
        if (settings.IsEmpty || settings.RuleFor(route) is not { IsEmpty: false } rule)
        {
            return FaultDecision.None;
        }
        var delay = rule.DelayMs + (rule.DelayJitterMs > 0 ? Random.Shared.Next(rule.DelayJitterMs + 1) : 0);
        var draw = Random.Shared.NextDouble();
        var action = draw < rule.CloseRate ? FaultAction.CloseConnection
            : draw < rule.CloseRate + rule.ErrorRate ? FaultAction.ServerError
            : FaultAction.None;
        return new FaultDecision(TimeSpan.FromMilliseconds(delay), action);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information,
        Message = "Faults changed: delay {DelayMs} ms, error rate {ErrorRate}, close rate {CloseRate}, {PerRouteCount} per-route rules")]
    private static partial void LogFaultsChanged(ILogger logger, int delayMs, double errorRate, double closeRate, int perRouteCount);
}
