using PandaEmulator.Python;

namespace PandaEmulator.Api;

/// <summary>PanDA's <c>generate_response</c>: <c>{"success": ..., "message": ..., "data": ...}</c>.</summary>
internal static class Envelope
{
    public static PyDict Of(bool success, object? message = null, object? data = null) => new(3)
    {
        { "success", success },
        { "message", message ?? "" },
        { "data", data },
    };

    /// <summary>An envelope whose message is Python's None (a few PanDA calls pass one through).</summary>
    public static PyDict WithNoneMessage(bool success, object? data = null) => new(3)
    {
        { "success", success },
        { "message", null },
        { "data", data },
    };

    public static PyDict Ok(object? data = null, string message = "") => Of(true, message, data);

    public static PyDict Fail(string message, object? data = null) => Of(false, message, data);
}
