using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace PandaMcp.Silo.Panda;

/// <summary>
/// The calls to PanDA, outermost first: a retry of reads, the circuit breaker, then the timeout of one attempt.
/// Only signs of an outage count (no connection, a broken connection, no answer in time, 502/503/504 from the
/// proxy in front of PanDA): a 500 is PanDA's own answer to one request, and counting it would let one caller's
/// bad requests open the circuit for everybody.
/// </summary>
public static class PandaResiliencePipeline
{
    public const string Name = "panda";

    public static void Build(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, PandaClientOptions client, PandaResilienceOptions options, PandaCircuit circuit)
    {
        if (options.RetryAttempts > 0)
        {
            var retry = new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.RetryAttempts,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                // A timed-out attempt is not retried: the caller has waited a whole timeout already.
                ShouldHandle = args => ValueTask.FromResult(IsOutage(args.Outcome) && args.Outcome.Exception is not TimeoutRejectedException),
            };
            // A POST may have reached PanDA before the failure; repeating it could kill or submit twice.
            retry.DisableForUnsafeHttpMethods();
            pipeline.AddRetry(retry);
        }
        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = options.FailureRatio,
            MinimumThroughput = options.MinimumAttempts,
            SamplingDuration = options.SamplingDuration,
            BreakDuration = options.BreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsOutage(args.Outcome)),
            OnOpened = args =>
            {
                circuit.Opened(args.BreakDuration);
                return ValueTask.CompletedTask;
            },
            OnHalfOpened = _ =>
            {
                circuit.HalfOpened();
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                circuit.Closed();
                return ValueTask.CompletedTask;
            },
        });
        pipeline.AddTimeout(client.Timeout);
    }

    private static bool IsOutage(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is TimeoutRejectedException
        || outcome.Exception is HttpRequestException { HttpRequestError: not HttpRequestError.ConfigurationLimitExceeded }
        || outcome.Result?.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
