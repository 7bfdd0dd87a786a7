using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using PandaMcp.Clients;

namespace PandaMcp.StdioBridge;

/// <summary>
/// One line per log entry, an exception as its messages only: desktop agents show the bridge's stderr as a log
/// to people, for whom a stack trace is noise.
/// </summary>
internal sealed class OneLineConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "panda-one-line";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (logEntry.Exception is { } exception && !message.Contains(exception.Message, StringComparison.Ordinal))
        {
            message = $"{message} {OneLine.Of(exception)}";
        }
        textWriter.WriteLine($"{BridgeIdentity.Name} {Level(logEntry.LogLevel)}: {OneLine.Of(message)}");
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        _ => "critical",
    };
}
