using System.Globalization;
using PandaMcp.Silo.Telemetry;

namespace PandaMcp.Benchmark;

/// <summary>The benchmark's command line.</summary>
public sealed record BenchmarkOptions
{
    public const string Command = "dotnet run -c Release --project bench/PandaMcp.Benchmark --";

    public const string Usage = """
        Usage: dotnet run -c Release --project bench/PandaMcp.Benchmark -- [options]

        Starts the PanDA emulator, a bare relay, the SDK baseline, the all-in-one gateway and a split cluster (Redis,
        two silos, two gateways) as child processes, then loads each target (direct REST, the relay, the baseline,
        the gateway and the split cluster, 2026-07-28 and with 2025-11-25 sessions) with concurrent clients and prints
        a markdown table, each rate also as a ratio to the relay's in the same round.

          --connections N       concurrent clients, one connection each (16)
          --warmup S            seconds of load on each target before anything is measured (20)
          --settle S            seconds of load on a target right before each of its measured windows (5)
          --duration S          measured seconds per target and round at N connections (20)
          --single-duration S   measured seconds per target and round at concurrency 1 (10)
          --rounds N            rounds; targets rotate order each round and the medians are reported (3)
          --tool NAME           the tool to call (system_is_alive)
          --arguments JSON      its arguments, a JSON object ({})
          --user NAME           call as this emulator user (Authorization: a token from the emulator's mint-token,
                                Origin: atlas); anonymous when not given
          --protocol VERSION    MCP revision the clients ask for, e.g. 2025-11-25 for sessions (newest: 2026-07-28)
          --client sdk|raw      sdk: one C# SDK McpClient per connection; raw: one prepared POST per call (2026-07-28; 2025-11-25 with a session for the session targets), cheaper for the load generator (sdk)
          --server-log-level L  every log category of the servers at this level (default: the servers' own defaults)
          --servers-from DIR    the rate run and --startup run the gateway, silo and baseline of another checkout (built
                                with dotnet build -c Release), e.g. an earlier commit in a git worktree, to measure it
                                beside this one
          --quick               smoke run: --warmup 2 --settle 1 --duration 3 --single-duration 2 --rounds 1

        Instead of the rate run:
          --idle-sessions N     start Redis and one silo, start N sessions in it, report its memory before and after
          --resume              start Redis, one silo and one gateway, time resumes (GET with Last-Event-ID) of a
                                stream of 100 events
          --startup             start a fresh gateway and load it from its first request for --startup-duration S (60):
                                calls and CPU second by second, time to steady state
          --server-env K=V      with --startup: set K=V in the gateway's environment (repeatable), e.g. DOTNET_TieredPGO=0
          --soak                the split topology under a steady load of both generations: --soak-restarts N (10) rolling
                                restarts of every silo and gateway, kill -9 of a silo and of a gateway, then --soak-duration
                                S (600) of steady load: failed calls per event, resident memory, gauges after the load
          --soak-rate R         calls per second of the soak's load, both generations together (200)
          --public-reads        the split topology, 200 agents (100 stateless, 100 sessions) asking the same public
                                question (statistics_job_stats_by_cloud) for --duration S (30) after --warmup S (10),
                                with public reads shared (the defaults) and with PandaMcp:PublicReads:Enabled=false:
                                the agents' calls per second and the REST calls PanDA received
          --verify              in-process: what verifying a caller's ID token costs, remembered and first seen

        The rate run sends public reads as calls of their own (PandaMcp:PublicReads:Enabled=false), so that each call
        reaches PanDA as through the relay; --public-reads measures the sharing.
        """;

    public int Connections { get; private init; } = 16;
    public TimeSpan Warmup { get; private init; } = TimeSpan.FromSeconds(20);
    public TimeSpan Settle { get; private init; } = TimeSpan.FromSeconds(5);
    public TimeSpan Duration { get; private init; } = TimeSpan.FromSeconds(20);
    public TimeSpan SingleDuration { get; private init; } = TimeSpan.FromSeconds(10);
    public int Rounds { get; private init; } = 3;
    public string Tool { get; private init; } = "system_is_alive";
    public string ArgumentsJson { get; private init; } = "{}";
    public string? User { get; private init; }
    public string? ProtocolVersion { get; private init; }

    /// <summary>"sdk": the C# SDK client; "raw": one prepared 2026-07-28 POST per call (cheaper for the load generator).</summary>
    public string Client { get; private init; } = "sdk";
    /// <summary>Null: the servers log as they do by default (what users run); else every category at this level.</summary>
    public string? ServerLogLevel { get; private init; }
    public bool ShowHelp { get; private init; }

    /// <summary>Sessions to start for the memory probe; null for the rate run.</summary>
    public int? IdleSessions { get; private init; }

    /// <summary>Time resumes instead of the rate run.</summary>
    public bool Resume { get; private init; }

    /// <summary>A checkout whose servers are measured instead of this build's (see <see cref="ServerBinaries.FromBuild"/>).</summary>
    public string? ServersFrom { get; private init; }

    /// <summary>Load a fresh gateway from its first request instead of the rate run.</summary>
    public bool Startup { get; private init; }

    public TimeSpan StartupDuration { get; private init; } = TimeSpan.FromSeconds(60);

    /// <summary>Restarts, kills and a steady run of the split topology instead of the rate run.</summary>
    public bool Soak { get; private init; }

    /// <summary>Run the public-reads scenario instead of the rate run.</summary>
    public bool PublicReads { get; private init; }

    /// <summary>Measure token verification instead of the rate run.</summary>
    public bool Verify { get; private init; }

    public int SoakRestarts { get; private init; } = 10;

    public TimeSpan SoakDuration { get; private init; } = TimeSpan.FromMinutes(10);

    public int SoakRate { get; private init; } = 200;

    /// <summary>Variables set in the environment of the gateway of <see cref="Startup"/>.</summary>
    public IReadOnlyDictionary<string, string> ServerEnvironment { get; private init; } = new Dictionary<string, string>();

    /// <summary>The command exactly as given, to print beside the figures.</summary>
    public string CommandLine { get; private init; } = Command;

    /// <exception cref="ArgumentException">An unknown option or a value that does not parse.</exception>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        // --quick sets defaults first, wherever it stands, so that explicit options still win.
        var options = args.Contains("--quick")
            ? new BenchmarkOptions
            {
                Warmup = TimeSpan.FromSeconds(2),
                Settle = TimeSpan.FromSeconds(1),
                Duration = TimeSpan.FromSeconds(3),
                SingleDuration = TimeSpan.FromSeconds(2),
                Rounds = 1,
            }
            : new BenchmarkOptions();
        options = options with { CommandLine = string.Join(' ', args.Select(Quote).Prepend(Command)) };
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], null);
            // Read only by the options that take one, so that an unknown option is named as such.
            string Value() => inline ?? (i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value."));
            options = name switch
            {
                "--quick" => options,
                "--help" or "-h" => options with { ShowHelp = true },
                "--connections" => options with { Connections = Count(name, Value()) },
                "--warmup" => options with { Warmup = Seconds(name, Value(), allowZero: true) },
                "--settle" => options with { Settle = Seconds(name, Value(), allowZero: true) },
                "--duration" => options with { Duration = Seconds(name, Value(), allowZero: false) },
                "--single-duration" => options with { SingleDuration = Seconds(name, Value(), allowZero: false) },
                "--rounds" => options with { Rounds = Count(name, Value()) },
                "--tool" => options with { Tool = Value() },
                "--arguments" => options with { ArgumentsJson = Value() },
                "--user" => options with { User = Value() },
                "--protocol" => options with { ProtocolVersion = Value() },
                "--client" => options with { Client = ClientKind(Value()) },
                "--server-log-level" => options with { ServerLogLevel = Value() },
                "--idle-sessions" => options with { IdleSessions = Count(name, Value()) },
                "--resume" => options with { Resume = true },
                "--startup" => options with { Startup = true },
                "--servers-from" => options with { ServersFrom = Value() },
                "--soak" => options with { Soak = true },
                "--public-reads" => options with { PublicReads = true },
                "--verify" => options with { Verify = true },
                "--soak-restarts" => options with { SoakRestarts = Count(name, Value()) },
                "--soak-duration" => options with { SoakDuration = Seconds(name, Value(), allowZero: true) },
                "--soak-rate" => options with { SoakRate = Count(name, Value()) },
                "--startup-duration" => options with { StartupDuration = Seconds(name, Value(), allowZero: false) },
                "--server-env" => options with { ServerEnvironment = WithVariable(options.ServerEnvironment, Value()) },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }
        return options;
    }

    /// <summary>The servers' command-line arguments for <see cref="ServerLogLevel"/>: none for their defaults.</summary>
    public string[] ServerLogArguments() => ServerLogLevel is { } level
        ? LogLevelDefaults.AllAt(level).Select(setting => $"--{setting.Key}={setting.Value}").ToArray()
        : [];

    private static Dictionary<string, string> WithVariable(IReadOnlyDictionary<string, string> variables, string setting) =>
        setting.Split('=', 2) is [{ Length: > 0 } key, var value]
            ? new Dictionary<string, string>(variables) { [key] = value }
            : throw new ArgumentException($"--server-env takes NAME=VALUE, not '{setting}'.");

    private static string ClientKind(string value) =>
        value is "sdk" or "raw" ? value : throw new ArgumentException("--client takes sdk or raw.");

    private static int Count(string name, string value) =>
        int.TryParse(value, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : throw new ArgumentException($"{name} takes a whole number above 0, not '{value}'.");

    private static TimeSpan Seconds(string name, string value, bool allowZero) =>
        double.TryParse(value, CultureInfo.InvariantCulture, out var seconds) && (seconds > 0 || (allowZero && seconds == 0))
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"{name} takes a number of seconds, not '{value}'.");

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '=' or ':' or '/') ? arg : $"'{arg.Replace("'", "'\\''")}'";
}
