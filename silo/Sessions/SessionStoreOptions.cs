using System.ComponentModel.DataAnnotations;

namespace PandaMcp.Silo.Sessions;

/// <summary>How long sessions live, how many one identity may hold, and how much of their SSE streams is kept.</summary>
public sealed class SessionStoreOptions
{
    public const string SectionName = "PandaMcp:Sessions";

    /// <summary>A session unused for this long ends; its next request gets 404 and the client starts a new one.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Concurrent sessions per identity (all anonymous callers share one identity).</summary>
    [Range(1, 100_000)]
    public int MaxSessionsPerIdentity { get; set; } = 100;

    /// <summary>SSE events kept per session for resumption: the oldest go first.</summary>
    [Range(1, 1_000_000)]
    public int MaxEventsPerSession { get; set; } = 1000;

    /// <summary>SSE events older than this are no longer replayed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The bytes of PanDA's answers (about two per character) all the session streams of one silo keep for replay;
    /// past it the oldest are dropped, and a stream resumed for one of them gets an error saying so.
    /// </summary>
    [Range(1L << 20, 1L << 40)]
    public long MaxKeptAnswerBytes { get; set; } = 256L << 20;

    /// <summary>
    /// How long a session's tool call waits for PanDA's answer before the answer becomes an event of a stream, which
    /// the client keeps reading (or resumes on any gateway after a dropped connection) until PanDA answers. Faster
    /// answers come back directly: no event is kept for them.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan AnswerWithin { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>While a tool call waits for PanDA, a client that gave a progress token hears from it this often.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often the time a session was last used is written to storage: every use would cost a Redis write
    /// per request, so it is written only when the stored time is older than this share of the idle timeout.
    /// A session may thus end up to this share of <see cref="IdleTimeout"/> early after its silo is lost.
    /// </summary>
    public TimeSpan LastUsedWriteInterval => IdleTimeout / 10;
}
