namespace PandaMcp.Benchmark;

/// <summary>
/// The Redis commands that change data, as counted for "Redis writes per tool call": every write command of the
/// data types Orleans' Redis providers use or could use, and the scripting commands (Orleans' grain storage and
/// membership write through Lua scripts; their reads use plain commands). Read-only variants (<c>eval_ro</c>,
/// <c>evalsha_ro</c>, <c>fcall_ro</c>) are not counted. Redis counts the commands a script runs as well as the
/// script, so one scripted write shows as several commands (a grain state write: <c>evalsha</c> and <c>hmset</c>).
/// </summary>
public static class RedisWrites
{
    public static readonly IReadOnlySet<string> Commands = new HashSet<string>(StringComparer.Ordinal)
    {
        "eval", "evalsha", "fcall",
        "set", "setex", "psetex", "setnx", "mset", "msetnx", "getset", "getdel", "getex", "append", "setrange",
        "incr", "incrby", "incrbyfloat", "decr", "decrby",
        "del", "unlink", "expire", "pexpire", "expireat", "pexpireat", "persist", "rename", "renamenx", "copy", "restore",
        "hset", "hmset", "hsetnx", "hdel", "hincrby", "hincrbyfloat",
        "lpush", "rpush", "lpushx", "rpushx", "lpop", "rpop", "lset", "lrem", "ltrim", "linsert", "lmove", "rpoplpush",
        "sadd", "srem", "spop", "smove",
        "zadd", "zrem", "zincrby", "zremrangebyscore", "zremrangebyrank", "zremrangebylex", "zpopmin", "zpopmax",
        "xadd", "xdel", "xtrim",
    };

    /// <summary>The write commands run between two readings of <see cref="RedisProcess.CommandCountsAsync"/>, by name.</summary>
    public static IReadOnlyDictionary<string, long> Between(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        after.Where(c => Commands.Contains(c.Key))
            .Select(c => (c.Key, Count: c.Value - before.GetValueOrDefault(c.Key)))
            .Where(c => c.Count > 0)
            .ToDictionary(c => c.Key, c => c.Count, StringComparer.Ordinal);
}
