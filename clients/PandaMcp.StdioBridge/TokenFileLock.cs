namespace PandaMcp.StdioBridge;

/// <summary>
/// Keeps two processes (two bridges of one user, or two agents' bridges) from refreshing one token file at once: a
/// provider that rotates refresh tokens accepts each only once, so the second refresh would fail. An exclusive open
/// of <c>&lt;token file&gt;.lock</c> (an advisory lock on Unix) is held for the refresh.
/// </summary>
internal sealed class TokenFileLock : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly FileStream _lock;

    private TokenFileLock(FileStream held) => _lock = held;

    public static async Task<TokenFileLock> AcquireAsync(string tokenFile, CancellationToken cancellationToken)
    {
        var path = tokenFile + ".lock";
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                return new TokenFileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Another process refreshes now; its new token will be in the file when it lets go.
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
        }
    }

    public void Dispose() => _lock.Dispose();
}
