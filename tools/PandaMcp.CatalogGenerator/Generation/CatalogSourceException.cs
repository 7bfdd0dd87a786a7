namespace PandaMcp.CatalogGenerator.Generation;

/// <summary>A source folder or file the generator cannot make a catalog from; the message is one line for the operator.</summary>
internal sealed class CatalogSourceException(string message) : Exception(message);
