namespace PandaEmulator.Python;

/// <summary>An uploaded file as werkzeug hands it to PanDA (<c>FileStorage</c>).</summary>
internal sealed class PyFile(string fileName, string contentType, byte[] content)
{
    public string FileName { get; } = fileName;
    public string ContentType { get; } = contentType;
    public byte[] Content { get; } = content;
}
