using System.Text.Json;
using System.Text.Json.Nodes;
using PandaMcp.Catalog;
using PandaMcp.CatalogGenerator.Python;

namespace PandaMcp.CatalogGenerator.Generation;

/// <summary>
/// Builds the catalog from a PanDA server's <c>pandaserver/api/v1</c> folder: one module per <c>*_api.py</c> file,
/// one endpoint per public function decorated with <c>request_validation</c>, described by its own docstring.
/// </summary>
/// <param name="warnings">Where to report what the operator should look at: the catalog is still written.</param>
internal sealed class CatalogBuilder(TextWriter warnings)
{
    // PanDA routes every public function of the file but this one, which sets the module up at start-up.
    private const string TaskBufferSetup = "init_task_buffer";

    /// <exception cref="CatalogSourceException">The folder has no API files, or one of them cannot be read.</exception>
    public IReadOnlyList<PandaModule> Build(string sourceDirectory)
    {
        if (!Directory.Exists(sourceDirectory))
        {
            throw new CatalogSourceException($"The source folder {sourceDirectory} does not exist; give the pandaserver/api/v1 folder of a PanDA server.");
        }
        List<string> files;
        try
        {
            files = Directory.GetFiles(sourceDirectory, "*" + ModuleRoute.FileSuffix).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CatalogSourceException($"Cannot list {sourceDirectory}: {e.Message}");
        }
        if (files.Count == 0)
        {
            throw new CatalogSourceException($"{sourceDirectory} has no *{ModuleRoute.FileSuffix} files; give the pandaserver/api/v1 folder of a PanDA server.");
        }
        var modules = files.Select(ReadModule).ToList();
        if (modules.GroupBy(m => m.Module).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new CatalogSourceException($"Two files of {sourceDirectory} are both served as the module '{twice.Key}'.");
        }
        return modules;
    }

    private PandaModule ReadModule(string path)
    {
        var fileName = Path.GetFileName(path);
        var route = ModuleRoute.ForFile(fileName);
        var python = ReadPython(path);
        var endpoints = new List<PandaEndpoint>();
        foreach (var function in python.Functions.Where(f => !f.Name.StartsWith('_') && f.Name != TaskBufferSetup))
        {
            if (Flags(path, function) is { } flags)
            {
                endpoints.Add(Endpoint(route.Route, function, flags));
            }
        }
        var description = GoogleDocstring.Parse(python.Docstring).Description;
        return new PandaModule
        {
            Module = route.Route,
            ListKey = route.ListKey,
            Description = description.Length > 0 ? description : $"The endpoints of PanDA's {fileName}.",
            Endpoints = endpoints,
        };
    }

    private static PythonModule ReadPython(string path)
    {
        string source;
        try
        {
            source = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CatalogSourceException($"Cannot read {path}: {e.Message}");
        }
        try
        {
            return PythonModuleReader.Read(source);
        }
        catch (PythonSyntaxException e)
        {
            throw new CatalogSourceException($"Cannot read {path}, line {e.Line}: {e.Message}.");
        }
    }

    private static RequestValidation? Flags(string path, PythonFunction function)
    {
        try
        {
            return function.Decorators.Select(RequestValidation.TryRead).FirstOrDefault(f => f is not null);
        }
        catch (FormatException e)
        {
            throw new CatalogSourceException($"Cannot read {path}, line {function.Line}: {e.Message} (on {function.Name}).");
        }
    }

    private PandaEndpoint Endpoint(string module, PythonFunction function, RequestValidation flags)
    {
        var name = $"{module}.{function.Name}";
        var doc = GoogleDocstring.Parse(function.Docstring);
        if (flags.RequestMethod is { } enforced && doc.HttpMethod is { } documented && enforced != documented)
        {
            Warn(name, $"the decorator enforces {enforced} but the docstring says {documented}; the catalog uses {enforced}, which the server requires.");
        }
        var method = flags.RequestMethod ?? doc.HttpMethod;
        if (method is null)
        {
            // The server then accepts any method; a JSON body carries every parameter type without casting.
            Warn(name, "neither the decorator nor the docstring names an HTTP method; the catalog uses POST.");
            method = "POST";
        }
        var title = EndpointHints.Title(function.Name);
        return new PandaEndpoint
        {
            Function = function.Name,
            Method = method,
            MethodEnforced = flags.RequestMethod is not null,
            Secure = flags.Secure,
            Production = flags.Production,
            TaskOwner = flags.TaskOwner,
            // Only a declared str return is taken as plain text: telling other non-envelope returns apart would
            // need following the function body, and a wrong false would break the envelope handling of a good one.
            Envelope = function.ReturnAnnotation != "str",
            Title = title,
            ReadOnly = EndpointHints.IsReadOnly(method),
            Destructive = EndpointHints.IsDestructive(method, function.Name),
            Idempotent = EndpointHints.IsIdempotent(method),
            Description = doc.Description.Length > 0 ? doc.Description : title + ".",
            Returns = doc.Returns,
            // PanDA binds arguments by name, so *args never gets a value; the request object is the server's own.
            Parameters = function.Parameters
                .Where(p => p.Kind != PythonParameterKind.VarPositional && p.Name != "req" && p.Annotation != "PandaRequest")
                .Select(p => Parameter(name, p, doc))
                .ToList(),
        };
    }

    private PandaParameter Parameter(string endpoint, PythonParameter parameter, GoogleDocstring doc)
    {
        var description = doc.Arguments.GetValueOrDefault(parameter.Name, "");
        if (parameter.Kind == PythonParameterKind.VarKeyword)
        {
            return new PandaParameter { Name = parameter.Name, Kind = "keywords", Annotation = parameter.Annotation, Description = description };
        }
        var defaultValue = default(JsonElement);
        if (parameter.Default is { } text)
        {
            if (PythonLiteral.TryParse(text, out var node))
            {
                defaultValue = JsonSerializer.SerializeToElement<JsonNode?>(node);
            }
            else
            {
                Warn(endpoint, $"the default of {parameter.Name} ({text}) is not a Python literal; the catalog lists the parameter as optional without a default.");
            }
        }
        try
        {
            ParameterType.Parse(parameter.Annotation, defaultValue);
        }
        catch (FormatException)
        {
            Warn(endpoint, $"{parameter.Name} is annotated '{parameter.Annotation}', a type the gateway does not know; it cannot offer this endpoint as a tool.");
        }
        return new PandaParameter
        {
            Name = parameter.Name,
            Annotation = parameter.Annotation,
            Required = parameter.Default is null,
            Default = defaultValue,
            Description = description,
        };
    }

    private void Warn(string endpoint, string message) => warnings.WriteLine($"warning: {endpoint}: {message}");
}
