using System.Globalization;
using PandaEmulator.Api;
using PandaEmulator.Python;
using PandaEmulator.State;

namespace PandaEmulator.Handlers;

/// <summary>The data carousel endpoints (<c>data_carousel_api.py</c>): staging requests found by id or dataset.</summary>
internal sealed class DataCarouselHandlers : IHandlerModule
{
    private const string NoRequest = "failed to get corresponding request";
    private static readonly string[] Disks = ["CERN-PROD_DATADISK", "BNL-OSG2_DATADISK", "FZK-LCG2_DATADISK", "TRIUMF-LCG2_DATADISK", "IN2P3-CC_DATADISK", "RAL-LCG2_DATADISK"];
    private static readonly string[] Tapes = ["CERN-PROD_DATATAPE", "BNL-OSG2_DATATAPE", "FZK-LCG2_DATATAPE", "TRIUMF-LCG2_DATATAPE"];

    public void Register(HandlerRegistry registry)
    {
        registry.Add("data_carousel", "change_staging_destination", ChangeStagingDestination);
        registry.Add("data_carousel", "change_staging_source", ChangeStagingSource);
        registry.Add("data_carousel", "force_to_staging", ForceToStaging);
        registry.Add("data_carousel", "retire_unused", RetireUnused);
    }

    /// <summary>request_id wins; the dataset is only looked at when no request_id is given.</summary>
    private static CarouselRequest? Find(HandlerContext context)
    {
        if (context["request_id"] is not null)
        {
            return context.Long("request_id") is { } id ? context.World.CarouselRequests.Find(id) : null;
        }
        return context.String("dataset") is { } dataset
            ? context.World.CarouselRequests.Values.Where(r => r.Dataset == dataset).OrderByDescending(r => r.IsActive).ThenByDescending(r => r.RequestId).FirstOrDefault()
            : null;
    }

    /// <summary>Cancels the request and submits a new one to a destination not tried before.</summary>
    private static PyDict ChangeStagingDestination(HandlerContext context)
    {
        var request = Find(context);
        if (request is null)
        {
            return Envelope.Fail(NoRequest);
        }
        if (!request.IsActive)
        {
            return Envelope.Fail($"failed to resubmit request_id={request.RequestId} : request status {request.Status} is not active");
        }
        var destination = Disks.FirstOrDefault(d => !request.PreviousDestinations.Contains(d) && d != request.DestinationRse);
        if (destination is null)
        {
            return Envelope.Fail($"failed to resubmit request_id={request.RequestId} : no other destination available");
        }
        var world = context.World;
        var cancelled = world.CarouselRequests.Update<bool>(request.RequestId, current => current is { IsActive: true }
            ? (current with { Status = "cancelled", EndTime = context.Now, ModificationTime = context.Now }, true)
            : (null, false));
        if (!cancelled)
        {
            return Envelope.Fail($"failed to resubmit request_id={request.RequestId} : request is no longer active");
        }
        var newId = world.CarouselIds.Next();
        var resubmitted = request with
        {
            RequestId = newId,
            Status = "staging",
            DestinationRse = destination,
            DdmRuleId = RuleId(newId),
            StagedFiles = 0,
            StagedSize = 0,
            CreationTime = context.Now,
            StartTime = context.Now,
            EndTime = null,
            ModificationTime = context.Now,
            PreviousDestinations = request.PreviousDestinations.Add(destination),
        };
        world.CarouselRequests.TryAdd(newId, resubmitted);
        var message = "new request resubmitted, destination changed"
            + (request.RelatedTaskIds.IsEmpty ? "; failed to get related tasks; skipped to submit iDDS requests" : "; submitted iDDS requests");
        return Envelope.Ok(new PyDict
        {
            { "request_id", request.RequestId },
            { "new_request_id", newId },
            { "dataset", resubmitted.Dataset },
        }, message);
    }

    private static PyDict ChangeStagingSource(HandlerContext context)
    {
        var request = Find(context);
        if (request is null)
        {
            return Envelope.Fail(NoRequest);
        }
        if (!request.IsActive)
        {
            return Envelope.Fail($"request_id={request.RequestId} status={request.Status} not queued or staging; skipped");
        }
        var status = request.Status;
        var original = request.SourceRse;
        var wanted = context.String("source_rse");
        var changeExpression = context.Truthy("change_src_expr");
        var updated = context.World.CarouselRequests.Change(request.RequestId, current =>
        {
            if (current.Status == "queued" || changeExpression)
            {
                return current with { SourceRse = wanted ?? Tapes.First(t => t != current.SourceRse), ModificationTime = context.Now };
            }
            // staging without a new expression: the rule is remade without a source replica expression
            return current with { SourceRse = null, DdmRuleId = RuleId(current.RequestId + 7), ModificationTime = context.Now };
        })!;
        var message = status == "queued" || changeExpression
            ? $"status={status} changed source_rse from {original ?? "None"} to {updated.SourceRse ?? "None"}"
            : $"status={status} source replica expression is dropped";
        return Envelope.Ok(new PyDict
        {
            { "request_id", updated.RequestId },
            { "dataset", updated.Dataset },
            { "source_rse", updated.SourceRse },
            { "ddm_rule_id", updated.DdmRuleId },
        }, message);
    }

    /// <summary>stage_request: a queued request starts staging at once.</summary>
    private static PyDict ForceToStaging(HandlerContext context)
    {
        var request = Find(context);
        if (request is null)
        {
            return Envelope.Fail(NoRequest);
        }
        var (next, error) = context.World.CarouselRequests.Update<(CarouselRequest?, string?)>(request.RequestId, current =>
        {
            if (current is null || current.Status != "queued")
            {
                return (null, (null, $"request status {current?.Status ?? "None"} is not queued"));
            }
            var staged = current with
            {
                Status = "staging",
                DestinationRse = current.DestinationRse ?? Disks[(int)(current.RequestId % Disks.Length)],
                DdmRuleId = RuleId(current.RequestId),
                StartTime = context.Now,
                ModificationTime = context.Now,
            };
            return (staged, (staged, null));
        });
        if (next is null)
        {
            return Envelope.Fail($"failed to stage request_id={request.RequestId} : {error}");
        }
        return Envelope.Ok(Summary(next), $"status has become {next.Status}");
    }

    /// <summary>retire_unused_request: only a done request can be retired.</summary>
    private static PyDict RetireUnused(HandlerContext context)
    {
        var request = Find(context);
        if (request is null)
        {
            return Envelope.Fail(NoRequest);
        }
        var (next, error) = context.World.CarouselRequests.Update<(CarouselRequest?, string?)>(request.RequestId, current =>
        {
            if (current is null || current.Status != "done")
            {
                return (null, (null, $"request status={current?.Status ?? "None"} is not done"));
            }
            var retired = current with { Status = "retired", ModificationTime = context.Now };
            return (retired, (retired, null));
        });
        if (next is null)
        {
            return Envelope.Fail($"failed to retire request_id={request.RequestId} : {error}");
        }
        return Envelope.Ok(Summary(next), "retired successfully");
    }

    private static PyDict Summary(CarouselRequest request) => new()
    {
        { "request_id", request.RequestId },
        { "dataset", request.Dataset },
        { "status", request.Status },
        { "ddm_rule_id", request.DdmRuleId },
    };

    /// <summary>A Rucio rule id (32 hex digits), derived from the request id so runs repeat.</summary>
    private static string RuleId(long seed) => unchecked(
        ((ulong)seed * 0x9E3779B97F4A7C15UL).ToString("x16", CultureInfo.InvariantCulture)
        + ((ulong)(seed + 1) * 0xC2B2AE3D27D4EB4FUL).ToString("x16", CultureInfo.InvariantCulture));
}
