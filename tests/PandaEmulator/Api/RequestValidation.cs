using PandaEmulator.Auth;
using PandaEmulator.Python;
using PandaEmulator.State;

namespace PandaEmulator.Api;

/// <summary>
/// PanDA's <c>request_validation</c> decorator: secure, production role, HTTP method, signature bind, per-parameter
/// cast and type check, task ownership, in that order, each failing with PanDA's envelope and message. Python
/// errors PanDA does not catch are thrown as <see cref="PyException"/> (HTTP 500).
/// </summary>
internal static class RequestValidation
{
    private const string MessageSsl = "SSL secure connection is required";
    private const string MessageProductionRole = "production or pilot role required";
    private const string MessageTaskOwner = "not the task owner or no production role";

    public static ValidationOutcome Run(EndpointSignature signature, string method, PyDict parameters, Caller caller, World world)
    {
        var endpoint = signature.Endpoint;
        if (endpoint.Secure && !caller.IsSecure)
        {
            return ValidationOutcome.Fail(MessageSsl);
        }
        if (endpoint.Production && !caller.IsProduction)
        {
            return ValidationOutcome.Fail(MessageProductionRole);
        }
        if (endpoint.MethodEnforced && endpoint.Method != method)
        {
            return ValidationOutcome.Fail($"expecting {endpoint.Method}, received {method}");
        }

        var bound = Bind(signature, parameters, out var bindError);
        if (bindError is not null)
        {
            return ValidationOutcome.Fail($"Argument error: {bindError}");
        }

        foreach (var parameter in signature.Parameters)
        {
            if (parameter.IsVarKeyword || parameter.Annotation is not { } annotation)
            {
                continue;
            }
            var value = bound[parameter.Name];
            if (parameter.HasDefault && PyOps.Equal(parameter.Default, value))
            {
                continue;
            }
            var failure = method == "GET" ? CastForGet(parameter, annotation, ref value) : null;
            if (failure is not null)
            {
                return ValidationOutcome.Fail(failure);
            }
            bound[parameter.Name] = value;
            failure = CheckType(parameter, annotation, value);
            if (failure is not null)
            {
                return ValidationOutcome.Fail(failure);
            }
        }

        if (endpoint.TaskOwner && PyOps.Truthy(bound["task_id"]) && !caller.IsProduction)
        {
            var task = PyOps.AsLong(bound["task_id"]) is { } id ? world.FindTask(id) : null;
            if (task is null || task.UserName != caller.UserName)
            {
                return ValidationOutcome.Fail(MessageTaskOwner);
            }
        }
        return ValidationOutcome.Pass(bound);
    }

    /// <summary><c>inspect.signature(func).bind(req, **params)</c> then <c>apply_defaults()</c>.</summary>
    private static PyDict Bind(EndpointSignature signature, PyDict parameters, out string? error)
    {
        error = null;
        var bound = new PyDict(signature.Parameters.Count);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in signature.Parameters)
        {
            if (parameter.IsVarKeyword)
            {
                continue;
            }
            if (parameters.TryGetValue(parameter.Name, out var value))
            {
                bound[parameter.Name] = value;
                used.Add(parameter.Name);
            }
            else if (!parameter.HasDefault)
            {
                error = $"missing a required argument: '{parameter.Name}'";
                return bound;
            }
        }
        var extra = new PyDict();
        foreach (var (key, value) in parameters)
        {
            if (!used.Contains((string)key))
            {
                extra[key] = value;
            }
        }
        if (extra.Count > 0 && signature.VarKeyword is null)
        {
            error = $"got an unexpected keyword argument {PyRepr.Repr(extra.Keys.First())}";
            return bound;
        }

        // apply_defaults() rebuilds the arguments in signature order.
        var complete = new PyDict(signature.Parameters.Count);
        foreach (var parameter in signature.Parameters)
        {
            complete[parameter.Name] = parameter.IsVarKeyword ? extra
                : bound.TryGetValue(parameter.Name, out var value) ? value
                : parameter.Default;
        }
        return complete;
    }

    /// <summary>The GET cast: query values are str (or list of str) and are cast by annotation.</summary>
    private static string? CastForGet(ParameterSpec parameter, PyAnnotation annotation, ref object? value)
    {
        var expected = annotation;
        var expectedName = annotation.DunderName;
        try
        {
            if (value is "None" && parameter.HasDefault && parameter.Default is null)
            {
                value = null;
            }
            else if (annotation.IsStr)
            {
                // no cast
            }
            else if (annotation.IsBool)
            {
                value = Lower(value) is "true" or "1";
            }
            else if (annotation.IsInt)
            {
                value = IntViaFloat(value);
            }
            else if (annotation.Origin == "list" && annotation.Element is { } element)
            {
                if (value is string single)
                {
                    value = new PyList { single };
                }
                if (value is PyList list && (element.IsInt || element.IsFloat || element.IsBool))
                {
                    value = new PyList(list.Select(item =>
                        element.IsInt ? IntViaFloat(item)
                        : element.IsFloat ? FloatOf(item)
                        : (object)(Lower(item) is "true" or "1")));
                }
            }
            else
            {
                expected = annotation.Normalized;
                expectedName = expected.DunderName;
                if (!expected.IsInstance(value))
                {
                    value = PyLiteral.Eval(value);
                }
                if (!expected.IsInstance(value))
                {
                    throw PyException.TypeError($"Expected {expectedName}, received {PyOps.TypeName(value)}");
                }
            }
            return null;
        }
        catch (PyException e) when (e.IsValueOrTypeError)
        {
            return $"Type error: '{parameter.Name}' with value '{PyOps.Str(value)}' could not be casted to type {expectedName} from {PyOps.TypeName(value)}.";
        }
    }

    private static string? CheckType(ParameterSpec parameter, PyAnnotation annotation, object? value)
    {
        if (annotation.Origin is { } origin)
        {
            if (!PyAnnotation.IsBuiltinInstance(origin, value))
            {
                return $"Type error: '{parameter.Name}' must be of type {origin}, got {PyOps.TypeName(value)}.";
            }
            if (origin == "list" && annotation.Element is { } element && value is PyList list && !list.All(element.IsInstance))
            {
                return $"Type error: All elements in '{parameter.Name}' must be {element.DunderName}.";
            }
            return null;
        }
        if (!annotation.IsInstance(value) && !(value is null && parameter.HasDefault && parameter.Default is null))
        {
            return $"Type error: '{parameter.Name}' must be of type {annotation.DunderName}, got {PyOps.TypeName(value)}.";
        }
        return null;
    }

    /// <summary><c>value.lower()</c>: only a str has it; anything else is an AttributeError PanDA does not catch.</summary>
    private static string Lower(object? value) => value is string text
        ? text.ToLowerInvariant()
        : throw PyException.AttributeError($"'{PyOps.TypeName(value)}' object has no attribute 'lower'");

    /// <summary><c>int(float(value))</c>.</summary>
    private static object IntViaFloat(object? value) => PyOps.FloatToInt(FloatOf(value));

    /// <summary><c>float(value)</c>.</summary>
    private static double FloatOf(object? value) => value switch
    {
        string text => PyOps.ParseFloat(text),
        double d => d,
        bool b => b ? 1 : 0,
        long l => l,
        _ => throw PyException.TypeError($"float() argument must be a string or a real number, not '{PyOps.TypeName(value)}'"),
    };
}
