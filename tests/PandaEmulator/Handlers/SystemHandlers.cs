using PandaEmulator.Api;
using PandaEmulator.Auth;
using PandaEmulator.Python;

namespace PandaEmulator.Handlers;

/// <summary>The system endpoints (<c>system_api.py</c>): what PanDA sees of the caller and the request.</summary>
internal sealed class SystemHandlers : IHandlerModule
{
    public void Register(HandlerRegistry registry)
    {
        registry.Add("system", "get_attributes", GetAttributes);
        registry.Add("system", "get_voms_attributes", GetVomsAttributes);
        registry.Add("system", "get_user_attributes", GetUserAttributes);
        registry.Add("system", "is_alive", _ => Envelope.Ok());
    }

    private static PyDict GetAttributes(HandlerContext context)
    {
        var parameters = new PyDict();
        var keywords = context["kwargs"] as PyDict ?? new PyDict();
        foreach (var key in keywords.Keys.Select(k => (string)k).Order(StringComparer.Ordinal))
        {
            parameters[key] = PyOps.Str(keywords[key]);
        }
        var environment = new PyDict();
        foreach (var (key, value) in Environment(context).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            environment[key] = value;
        }
        var text = "===== param =====\n" + string.Join('\n', parameters.Select(p => $"{p.Key} = {p.Value}"))
            + "\n" + "\n====== env ======\n" + string.Join('\n', environment.Select(e => $"{e.Key} : {e.Value}")) + "\n";
        return Envelope.Ok(new PyDict { { "parameters", parameters }, { "environment", environment } }, text);
    }

    private static PyDict GetVomsAttributes(HandlerContext context)
    {
        var attributes = new PyDict();
        foreach (var (key, value) in context.Caller.Environment.Where(e => e.Key.StartsWith("GRST_CRED_", StringComparison.Ordinal)))
        {
            attributes[key] = value;
        }
        var text = string.Join('\n', attributes.OrderBy(a => (string)a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} : {a.Value}"));
        return Envelope.Ok(attributes, text);
    }

    private static PyDict GetUserAttributes(HandlerContext context)
    {
        var caller = context.Caller;
        var raw = caller.Dn ?? "";
        var clean = UserIds.Clean(raw);
        var email = caller.UserName is { } name && context.World.UserEmails.TryGetValue(name, out var address) ? address : null;
        var fqans = new PyList(caller.Fqans.Select(f => (object?)f));
        var groups = new PyList(caller.ProductionWorkingGroups.Select(g => (object?)g));
        var text = $"User DN (raw): {raw}\nUser DN (bare): {raw}\nUser DN (clean): {clean}\n"
            + $"Email address: {email ?? "None"}\n"
            + $"FQANs: {PyRepr.Repr(fqans)}\nProduction user: {PyRepr.Repr(caller.IsProduction)}\n"
            + $"Production working groups: {PyRepr.Repr(groups)}\nPrimary production working group: {caller.PrimaryWorkingGroup ?? "None"}\n";
        return Envelope.Ok(new PyDict
        {
            { "user_dn_raw", raw },
            { "user_dn_clean", clean },
            { "fqans", fqans },
            { "is_production_user", caller.IsProduction },
            { "production_working_groups", groups },
            { "primary_working_group", caller.PrimaryWorkingGroup },
        }, text);
    }

    /// <summary>The WSGI environment PanDA would show: CGI variables, HTTP_* headers and what the token added.</summary>
    private static Dictionary<string, string> Environment(HandlerContext context)
    {
        var request = context.Request;
        var host = request.Host.Split(':');
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["QUERY_STRING"] = request.QueryString.TrimStart('?'),
            ["REMOTE_ADDR"] = request.RemoteHost,
            ["REQUEST_METHOD"] = request.Method,
            ["REQUEST_SCHEME"] = request.Scheme,
            ["SCRIPT_NAME"] = request.Path,
            ["SERVER_NAME"] = host[0],
            ["SERVER_PORT"] = host.Length > 1 ? host[1] : (request.Scheme == "https" ? "443" : "80"),
            ["SERVER_PROTOCOL"] = "HTTP/1.1",
        };
        foreach (var (name, value) in request.Headers)
        {
            var key = name.ToUpperInvariant().Replace('-', '_');
            key = key is "CONTENT_TYPE" or "CONTENT_LENGTH" ? key : "HTTP_" + key;
            environment[key] = value;
        }
        foreach (var (key, value) in context.Caller.Environment)
        {
            environment[key] = value;
        }
        environment.TryAdd("CONTENT_LENGTH", "0");
        return environment;
    }
}
