namespace PandaMcp.Clients;

/// <summary>A <c>--ca-bundle</c> file that cannot be used; the message names the file and says why.</summary>
internal sealed class CaBundleException(string message, Exception? inner = null) : Exception(message, inner);
