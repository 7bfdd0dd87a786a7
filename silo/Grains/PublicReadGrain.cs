using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using PandaMcp.Contracts;
using PandaMcp.Silo.Panda;
using PandaMcp.Silo.PublicReads;
using PandaMcp.Silo.Telemetry;

namespace PandaMcp.Silo.Grains;

/// <summary>
/// One public question to PanDA. Reentrant, so that calls arriving while PanDA answers wait for that one REST call
/// instead of queueing behind it; the state is only changed between awaits. A successful answer is kept for the
/// tool's max age, within the silo's <see cref="PublicReadBudget"/>; a failure (by the rules of the tool results,
/// <see cref="PandaAnswers"/>) is never kept. A grain stays in memory while it keeps an answer, and leaves it after
/// two idle minutes.
/// </summary>
[Reentrant, CollectionAgeLimit(Minutes = 2)]
public sealed class PublicReadGrain(
    PandaClient client,
    PublicReadBudget budget,
    IOptions<PublicReadOptions> options,
    SiloMetrics metrics,
    TimeProvider time) : Grain, IPublicReadGrain
{
    private Task<PandaReply>? _asking;
    private PandaReply? _kept;
    private long _keptAt;
    private long _keptBytes;
    private IGrainTimer? _expiry;
    private bool _deactivating;

    public async Task<PandaReply> ReadAsync(PandaCall call, CancellationToken cancellationToken)
    {
        var maxAge = options.Value.MaxAgeOf($"{call.Module}_{call.Function}");
        if (_kept is { } kept && time.GetElapsedTime(_keptAt) is var age && age < maxAge)
        {
            metrics.RecordPublicRead(call, PublicReadAnswer.Reused);
            return kept with { Age = age };
        }
        if (_asking is { IsCompleted: false } asking)
        {
            metrics.RecordPublicRead(call, PublicReadAnswer.Shared);
            return await asking.WaitAsync(cancellationToken);
        }
        metrics.RecordPublicRead(call, PublicReadAnswer.Panda);
        _asking = AskAsync(call, maxAge);
        return await _asking.WaitAsync(cancellationToken);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A REST call still under way (its callers all gave up) must not take room once the grain has left.
        _deactivating = true;
        Drop();
        return Task.CompletedTask;
    }

    private async Task<PandaReply> AskAsync(PandaCall call, TimeSpan maxAge)
    {
        // Without credentials: PanDA answers a public read alike for everyone, and no caller's token may serve
        // another. Without a caller's cancellation: the other callers wait for the same answer.
        var reply = await client.SendAsync(call with { Credentials = PandaCredentials.Anonymous }, CancellationToken.None);
        Drop();
        if (maxAge <= TimeSpan.Zero || _deactivating || !PandaAnswers.Succeeded(reply, call.PublicRead!.Envelope))
        {
            return reply;
        }
        // Frees the room at once when the answer is too old to reuse, rather than when the grain leaves memory.
        _expiry ??= this.RegisterGrainTimer(() =>
        {
            Drop();
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions(maxAge, Timeout.InfiniteTimeSpan) { Interleave = true });
        if (budget.TryTake(2L * reply.Body.Length))
        {
            _kept = reply;
            _keptAt = time.GetTimestamp();
            _keptBytes = 2L * reply.Body.Length;
            _expiry.Change(maxAge, Timeout.InfiniteTimeSpan);
            // Idle grains leave after two minutes: one keeping an answer for longer stays for it.
            DelayDeactivation(maxAge);
        }
        return reply;
    }

    private void Drop()
    {
        if (_kept is not null)
        {
            _kept = null;
            budget.Give(_keptBytes);
        }
    }

}
