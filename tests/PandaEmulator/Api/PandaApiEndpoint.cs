using System.Text;
using PandaEmulator.Faults;
using PandaEmulator.Recording;

namespace PandaEmulator.Api;

/// <summary>
/// The HTTP side of every <c>/api/...</c> request: records it, applies the injected faults, lets
/// <see cref="PandaApi"/> answer and writes the answer as text/plain.
/// </summary>
internal sealed class PandaApiEndpoint(PandaApi api, RequestRecorder recorder, FaultInjector faults, TimeProvider time)
{
    private const string ApiPrefix = "/api/";

    public async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var path = request.Path.Value ?? "";
        // Apache hands PanDA only ^/api/.+ (case-sensitive); anything else never reaches it.
        if (!path.StartsWith(ApiPrefix, StringComparison.Ordinal) || path.Length == ApiPrefix.Length)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var cancellation = http.RequestAborted;
        var route = ApiRoute.Parse(path);
        var parameters = await ParameterParser.ParseAsync(request, cancellation);
        var record = !recorder.IsEnabled ? null : new RecordedRequest
        {
            Sequence = recorder.NextSequence(),
            Time = time.GetUtcNow(),
            Method = request.Method,
            Route = route.Key,
            Path = path,
            Query = request.QueryString.Value ?? "",
            Headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            Arguments = parameters.Values,
            ContentType = request.ContentType,
        };
        if (record is not null)
        {
            recorder.Add(record);
        }

        var fault = faults.Decide(route.Key ?? path);
        if (fault.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(fault.Delay, time, cancellation);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        switch (fault.Action)
        {
            case FaultAction.CloseConnection:
                record?.Fault = "close";
                http.Abort();
                return;
            case FaultAction.ServerError:
                record?.Fault = "error";
                await WriteAsync(http, new ApiAnswer(StatusCodes.Status500InternalServerError, "emulated fault: internal server error"), record);
                return;
        }

        var answer = await api.AnswerAsync(http, route, parameters);
        await WriteAsync(http, answer, record);
    }

    private static async Task WriteAsync(HttpContext http, ApiAnswer answer, RecordedRequest? record)
    {
        record?.Status = answer.Status;
        var response = http.Response;
        var bytes = Encoding.UTF8.GetBytes(answer.Body);
        response.StatusCode = answer.Status;
        response.ContentType = "text/plain";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, http.RequestAborted);
    }
}
