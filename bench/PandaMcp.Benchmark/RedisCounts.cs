namespace PandaMcp.Benchmark;

/// <summary>Readings of a Redis's command counters, taken in turn at the points of a measurement that matter.</summary>
public sealed class RedisCounts(RedisProcess redis)
{
    private readonly List<IReadOnlyDictionary<string, long>> _readings = [];

    public async Task ReadAsync() => _readings.Add(await redis.CommandCountsAsync());

    /// <summary>The write commands run between reading <paramref name="from"/> and reading <paramref name="to"/>.</summary>
    public IReadOnlyDictionary<string, long> WritesBetween(int from, int to) => RedisWrites.Between(_readings[from], _readings[to]);
}
