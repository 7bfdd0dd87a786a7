using ModelContextProtocol.Protocol;
using PandaMcp.Contracts;

namespace PandaMcp.Gateway.Telemetry;

/// <summary>How a tool call ended: the <c>outcome</c> tag of the tool metrics, a fixed word per kind.</summary>
public static class ToolCallOutcome
{
    public const string Ok = "ok";

    /// <summary>PanDA answered and refused (<c>success: false</c>, or text starting with ERROR).</summary>
    public const string PandaRefused = "panda_refused";

    /// <summary>PanDA answered with a non-2xx status, or with a body that is not its envelope.</summary>
    public const string PandaHttpError = "panda_http_error";

    public const string PandaTimeout = "panda_timeout";
    public const string PandaUnreachable = "panda_unreachable";

    /// <summary>The arguments broke the tool's schema; PanDA was not called.</summary>
    public const string InvalidArguments = "invalid_arguments";

    /// <summary>The silo serving the grain did not answer in time, or left the cluster.</summary>
    public const string ClusterUnavailable = "cluster_unavailable";

    /// <summary>PanDA answered a session's call, but the answer was dropped from replay before a stream delivered it.</summary>
    public const string AnswerNotKept = "answer_not_kept";

    /// <summary>An unexpected failure in the gateway or the grain call.</summary>
    public const string GatewayError = "gateway_error";

    /// <summary>The client went away before the answer.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Handed to a 2024-11-05 session, whose one stream carries the answer (rendered by the gateway holding it).</summary>
    public const string OnSessionStream = "on_session_stream";

    /// <summary>The outcome of a call that reached a silo: PanDA's answer and the result made of it.</summary>
    public static string Of(PandaReply reply, CallToolResult result) => reply.Failure switch
    {
        PandaFailure.Timeout => PandaTimeout,
        PandaFailure.Unreachable => PandaUnreachable,
        PandaFailure.Cluster => ClusterUnavailable,
        PandaFailure.NotKept => AnswerNotKept,
        _ when reply.Status is < 200 or > 299 => PandaHttpError,
        _ when result.IsError != true => Ok,
        _ when result.StructuredContent is null => PandaHttpError,
        _ => PandaRefused,
    };
}
