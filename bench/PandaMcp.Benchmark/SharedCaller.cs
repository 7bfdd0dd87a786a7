namespace PandaMcp.Benchmark;

/// <summary>
/// One caller shared by every worker of a load (one MCP session used by all the connections): the first worker to
/// connect makes it, the last to leave disposes of it.
/// </summary>
public sealed class SharedCaller(Func<CancellationToken, Task<ICaller>> connect)
{
    private readonly Lock _lock = new();
    private Task<ICaller>? _caller;
    private int _users;

    public async Task<ICaller> ConnectAsync(CancellationToken cancellationToken)
    {
        Task<ICaller> caller;
        lock (_lock)
        {
            _users++;
            caller = _caller ??= connect(cancellationToken);
        }
        return new Use(this, await caller);
    }

    private async ValueTask LeaveAsync()
    {
        Task<ICaller>? last = null;
        lock (_lock)
        {
            if (--_users == 0)
            {
                (last, _caller) = (_caller, null);
            }
        }
        if (last is not null)
        {
            await (await last).DisposeAsync();
        }
    }

    private sealed class Use(SharedCaller shared, ICaller caller) : ICaller
    {
        public string Protocol => caller.Protocol + ", shared by every connection";

        public Task<string?> CallAsync() => caller.CallAsync();

        public ValueTask DisposeAsync() => shared.LeaveAsync();
    }
}
