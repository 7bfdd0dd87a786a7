using PandaMcp.Catalog;

namespace PandaEmulator.Api;

/// <summary>
/// Endpoint bodies by route. Routes without one get a plain success envelope: the generic checks, driven by the
/// catalog, are what every route shares. A body for a route the catalog lacks is a start-up error, so the
/// emulator cannot drift from the catalog unnoticed.
/// </summary>
internal sealed class HandlerRegistry
{
    private readonly Dictionary<string, EndpointHandler> _handlers = new(StringComparer.Ordinal);

    public HandlerRegistry(IEnumerable<IHandlerModule> modules, PandaCatalog catalog)
    {
        foreach (var module in modules)
        {
            module.Register(this);
        }
        var unknown = _handlers.Keys.Where(route => catalog.Find(route.Split('/')[0], route.Split('/')[1]) is null).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"Emulator handlers for routes the catalog lacks: {string.Join(", ", unknown)}.");
        }
    }

    public void Add(string module, string function, EndpointHandler handler) => _handlers.Add($"{module}/{function}", handler);

    public EndpointHandler Find(PandaEndpoint endpoint) => _handlers.GetValueOrDefault(endpoint.Path, Generic);


    private static object? Generic(HandlerContext context) => context.Endpoint.Envelope ? Envelope.Ok() : " ";
}
