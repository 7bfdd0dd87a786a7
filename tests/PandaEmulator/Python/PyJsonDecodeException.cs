namespace PandaEmulator.Python;

/// <summary>Python's <c>json.JSONDecodeError</c>; its message carries the position as Python writes it.</summary>
internal sealed class PyJsonDecodeException(string message) : Exception(message)
{
    public static PyJsonDecodeException At(string reason, string document, int position)
    {
        var line = 1;
        var lastNewline = -1;
        for (var i = 0; i < position && i < document.Length; i++)
        {
            if (document[i] == '\n')
            {
                line++;
                lastNewline = i;
            }
        }
        var column = position - lastNewline;
        return new PyJsonDecodeException($"{reason}: line {line} column {column} (char {position})");
    }
}
