namespace PandaEmulator.Python;

/// <summary>
/// An exception the real (Python) server would raise. Where PanDA catches it the emulator does too; anywhere
/// else its text is what PanDA answers as the body of an HTTP 500 (<c>str(exc)</c>).
/// </summary>
internal sealed class PyException(string pythonType, string message) : Exception(message)
{
    public string PythonType { get; } = pythonType;

    public bool IsValueOrTypeError => PythonType is "ValueError" or "TypeError";

    public static PyException ValueError(string message) => new("ValueError", message);

    public static PyException TypeError(string message) => new("TypeError", message);

    public static PyException AttributeError(string message) => new("AttributeError", message);

    public static PyException OverflowError(string message) => new("OverflowError", message);

    public static PyException SyntaxError(string message) => new("SyntaxError", message);
}
