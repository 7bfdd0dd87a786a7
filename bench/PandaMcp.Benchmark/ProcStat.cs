namespace PandaMcp.Benchmark;

/// <summary>A process's CPU time (user plus system, <c>/proc/&lt;pid&gt;/stat</c>) and memory (<c>/proc/&lt;pid&gt;/status</c>) as the kernel counts them.</summary>
public static class ProcStat
{
    // utime and stime are counted in USER_HZ ticks, which is 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Field 2, the command name, is in parentheses and may hold spaces: split only what follows it.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state), so utime (field 14) and stime (field 15) are fields[11] and fields[12].
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>VmRSS: the process's resident set, in bytes.</summary>
    public static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        // "VmRSS:     123456 kB"
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
