namespace PandaEmulator.Api;

/// <summary>An endpoint's body: returns what the Python function returns (an envelope dict, or a str for the few plain ones).</summary>
internal delegate object? EndpointHandler(HandlerContext context);
