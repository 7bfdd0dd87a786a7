namespace PandaMcp.Catalog;

/// <summary>An endpoint list file that cannot be used; the message names every problem.</summary>
public sealed class EndpointListException(string message) : Exception(message);
