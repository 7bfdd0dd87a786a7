using PandaMcp.Catalog;
using PandaEmulator.Python;

namespace PandaEmulator.Api;

/// <summary>An endpoint's Python signature (less <c>req</c>), read once from the catalog.</summary>
internal sealed class EndpointSignature
{
    private EndpointSignature(PandaEndpoint endpoint, IReadOnlyList<ParameterSpec> parameters)
    {
        Endpoint = endpoint;
        Parameters = parameters;
        VarKeyword = parameters.FirstOrDefault(p => p.IsVarKeyword);
    }

    public PandaEndpoint Endpoint { get; }

    public IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>The <c>**kwargs</c> parameter, if the function takes one.</summary>
    public ParameterSpec? VarKeyword { get; }

    /// <summary><c>&lt;module file&gt;.&lt;function&gt;</c> as Python names the function in its TypeErrors.</summary>
    public string PythonName { get; private init; } = "";

    public static EndpointSignature Build(PandaEndpoint endpoint, PandaModule module)
    {
        var parameters = endpoint.Parameters
            .Select(p => new ParameterSpec(
                p.Name,
                PyAnnotation.Parse(p.Annotation),
                !p.Required,
                p.Default is { } value ? PyValues.FromJson(value) : null,
                p.IsKeywords))
            .ToList();
        return new EndpointSignature(endpoint, parameters)
        {
            PythonName = $"pandaserver.api.v1.{module.ListKey ?? module.Module}_api.{endpoint.Function}",
        };
    }
}
