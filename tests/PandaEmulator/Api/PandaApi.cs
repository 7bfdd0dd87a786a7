using PandaMcp.Catalog;
using PandaEmulator.Auth;
using PandaEmulator.Python;
using PandaEmulator.State;

namespace PandaEmulator.Api;

/// <summary>
/// PanDA's WSGI entry point (<c>panda.py</c>) for one request, in PanDA's order: route (403), token and ban list
/// (403), body (500 for invalid JSON), the call with <c>request_validation</c> (200 envelopes), the result as JSON
/// or as a Python repr. Every body is text/plain.
/// </summary>
internal sealed partial class PandaApi
{
    private const string ReqCollision = "request_validation.<locals>.decorator.<locals>.wrapper() got multiple values for argument 'req'";
    private readonly Dictionary<string, EndpointSignature> _signatures = new(StringComparer.Ordinal);
    private readonly HandlerRegistry _handlers;
    private readonly TokenAuthenticator _authenticator;
    private readonly EmulatorState _state;
    private readonly TimeProvider _time;
    private readonly ILogger<PandaApi> _logger;

    public PandaApi(PandaCatalog catalog, HandlerRegistry handlers, TokenAuthenticator authenticator, EmulatorState state, TimeProvider time,
        ILogger<PandaApi> logger)
    {
        foreach (var module in catalog.Modules)
        {
            foreach (var endpoint in module.Endpoints)
            {
                _signatures[endpoint.Path] = EndpointSignature.Build(endpoint, module);
            }
        }
        _handlers = handlers;
        _authenticator = authenticator;
        _state = state;
        _time = time;
        _logger = logger;
    }

    public async Task<ApiAnswer> AnswerAsync(HttpContext http, ApiRoute route, ParsedParameters parameters)
    {
        var request = http.Request;
        // mapping["v1"][module] must exist and the function must be one the module defines ("latest" maps to "1", which is no key).
        var routable = route.WellFormed && route.Version == "v1"
            && (_signatures.ContainsKey(route.Key!) || route.Key == "idds/decode_idds_enum");
        if (!routable)
        {
            return ApiAnswer.Forbidden($"method {route.Function} is forbidden");
        }

        var auth = await _authenticator.AuthenticateAsync(Header(request, "Authorization"), Header(request, "Origin"));
        if (!auth.Authenticated)
        {
            return ApiAnswer.Forbidden($"Token authentication failed. {auth.Message}");
        }
        var caller = auth.Caller;
        var world = _state.World;
        if (caller.UserName is { } user && caller.Dn is not null && world.BannedUsers.Contains(user))
        {
            return ApiAnswer.Forbidden($"{user} is banned");
        }

        if (parameters.InvalidJson is { } jsonError)
        {
            return ApiAnswer.ServerError($"ERROR : received invalid JSON : {jsonError}");
        }
        if (parameters.Failure is { } failure)
        {
            return ApiAnswer.ServerError(failure.Message);
        }
        try
        {
            var result = Call(route, parameters.Values, request, caller, world);
            return new ApiAnswer(StatusCodes.Status200OK, Serialize(request, result));
        }
        catch (PyException e)
        {
            return ApiAnswer.ServerError(e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogHandlerFailure(_logger, route.Key!, e);
            return ApiAnswer.ServerError(e.Message);
        }
    }

    private object? Call(ApiRoute route, object? values, HttpRequest request, Caller caller, World world)
    {
        if (route.Key == "idds/decode_idds_enum")
        {
            // An undecorated helper PanDA still routes: decode_idds_enum(d) receives the request object.
            return values switch
            {
                PyDict { Count: > 0 } extra when extra.ContainsKey("d") => throw PyException.TypeError("decode_idds_enum() got multiple values for argument 'd'"),
                PyDict { Count: > 0 } extra => throw PyException.TypeError($"decode_idds_enum() got an unexpected keyword argument {PyRepr.Repr(extra.Keys.First())}"),
                _ => throw PyException.TypeError("argument of type 'PandaRequest' is not iterable"),
            };
        }
        var signature = _signatures[route.Key!];
        if (values is not PyDict parameters)
        {
            throw PyException.TypeError($"{signature.PythonName}() argument after ** must be a mapping, not {PyOps.TypeName(values)}");
        }
        if (parameters.ContainsKey("req"))
        {
            throw PyException.TypeError(ReqCollision);
        }
        var outcome = RequestValidation.Run(signature, request.Method, parameters, caller, world);
        if (outcome.Failure is { } failure)
        {
            return failure;
        }
        var context = new HandlerContext(signature.Endpoint, outcome.Arguments!, caller, world, Describe(request), _time);
        return _handlers.Find(signature.Endpoint)(context);
    }

    /// <summary>JSON only when Content-Type or Accept is exactly application/json; otherwise <c>str(result)</c>.</summary>
    private static string Serialize(HttpRequest request, object? result)
    {
        var json = request.Headers.ContentType.ToString() == "application/json" || request.Headers.Accept.ToString() == "application/json";
        return json ? PyJson.Dumps(result) : PyOps.Str(result);
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value.ToString() : null;

    private static RequestInfo Describe(HttpRequest request) => new(
        request.Method,
        request.Path.Value ?? "",
        request.QueryString.Value ?? "",
        request.Scheme,
        request.Host.Value ?? "",
        request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "",
        request.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString())).ToList());

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "Endpoint {Route} failed; answering HTTP 500 as PanDA would")]
    private static partial void LogHandlerFailure(ILogger logger, string route, Exception exception);
}
