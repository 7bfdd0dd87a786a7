using Microsoft.Extensions.Options;
using PandaMcp.Contracts;
using PandaMcp.Contracts.Sessions;

namespace PandaMcp.Silo.Sessions;

/// <summary>
/// The PanDA answers a silo's session event logs keep for replay, bounded in bytes
/// (<see cref="SessionStoreOptions.MaxKeptAnswerBytes"/>): past the bound the oldest answers, of any session, are
/// replaced by a note saying that they were dropped, which a resumed stream delivers as the call's error. Without
/// it, a few hundred sessions reading large answers (up to 64 MiB each) could take the silo's memory for the ten
/// minutes their events are kept. Shared by the silo's session grains: another grain's answer is dropped by swapping
/// one reference, which its log reads whole, before or after.
/// </summary>
public sealed class KeptAnswers(IOptions<SessionStoreOptions> options)
{
    private readonly long _maxBytes = options.Value.MaxKeptAnswerBytes;
    private readonly Lock _lock = new();
    private readonly Queue<KeptEvent> _oldestFirst = new();
    private long _bytes;

    /// <summary>The bytes kept now, about two per character of the answers.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Counts a recorded answer in, dropping the oldest kept answers while the silo holds more than its bound.</summary>
    public void Keep(KeptEvent answer)
    {
        lock (_lock)
        {
            _bytes += answer.Charge(SizeOf(answer.Event.Data));
            _oldestFirst.Enqueue(answer);
            while (_bytes > _maxBytes && _oldestFirst.TryDequeue(out var oldest))
            {
                var freed = oldest.Release();
                if (freed > 0)
                {
                    oldest.Replace(Dropped(oldest.Event.Data.ToolResult!, freed));
                    _bytes -= freed;
                }
            }
            // Answers their logs let go of (pruned, or the session ended) are empty shells by now.
            while (_oldestFirst.TryPeek(out var head) && head.IsReleased)
            {
                _oldestFirst.Dequeue();
            }
        }
    }

    /// <summary>An answer its log no longer keeps.</summary>
    public void Forget(KeptEvent answer)
    {
        lock (_lock)
        {
            _bytes -= answer.Release();
        }
    }

    private static long SizeOf(SessionEventData data) =>
        data.ToolResult is { Reply: var reply } ? 2L * (reply.Body.Length + (reply.FailureDetail?.Length ?? 0)) : 0;

    private SessionEventData Dropped(RecordedToolResult answer, long bytes) =>
        new(null, answer with
        {
            Reply = PandaReply.Failed(PandaFailure.NotKept,
                $"its answer ({bytes / 1048576.0:0.#} MiB in memory) was dropped from replay: the silo keeps at most "
                + $"{_maxBytes / 1048576.0:0.#} MiB of answers for streams to resume, and newer ones took the room"),
        });
}
