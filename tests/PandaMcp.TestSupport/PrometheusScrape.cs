using System.Globalization;
using System.Text.RegularExpressions;

namespace PandaMcp.Testing;

/// <summary>Reads a host's <c>/metrics</c> (Prometheus text format) as Prometheus does, for one sample at a time.</summary>
public static class PrometheusScrape
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The value of the sample of <paramref name="metric"/> carrying these labels (others may be there too); 0 when there is none.</summary>
    public static async Task<double> ValueAsync(HttpClient http, Uri host, string metric, params (string Name, string Value)[] labels) =>
        Value(await http.GetStringAsync(new Uri(host, "/metrics")), metric, labels);

    public static double Value(string text, string metric, params (string Name, string Value)[] labels)
    {
        var required = string.Concat(labels.Select(l => $$"""(?=[^}]*\b{{Regex.Escape(l.Name)}}="{{Regex.Escape(l.Value)}}")"""));
        var line = new Regex($$"""(?m)^{{Regex.Escape(metric)}}(?:\{{{required}}[^}]*\})? (?<value>[-0-9.e+]+)""");
        return line.Match(text) is { Success: true } match
            ? double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)
            : 0;
    }

    /// <summary>Waits until the sample has <paramref name="expected"/> (the exporter caches its answer for a moment).</summary>
    public static Task UntilAsync(HttpClient http, Uri host, double expected, string metric, params (string Name, string Value)[] labels) =>
        Wait.UntilAsync(
            async _ => await ValueAsync(http, host, metric, labels) == expected,
            Timeout,
            $"{metric} {string.Join(",", labels.Select(l => $"{l.Name}={l.Value}"))} at {expected}");
}
