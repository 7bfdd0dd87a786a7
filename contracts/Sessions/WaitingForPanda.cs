using System.Buffers;
using System.Text.Json;

namespace PandaMcp.Contracts.Sessions;

/// <summary>
/// The <c>notifications/progress</c> a client that gave a progress token hears while its call waits for PanDA.
/// PanDA reports no progress of its own, so this is the one thing to say: the call is alive. Written by the
/// gateways for sessionless calls and by the session grains for the calls of sessions.
/// </summary>
public static class WaitingForPanda
{
    public static string Message(TimeSpan waited) => $"Waiting for PanDA's answer: {waited.TotalSeconds:0} s so far.";

    /// <param name="progressTokenJson">The client's progress token as it sent it: a JSON string or number.</param>
    /// <param name="reports">How many reports this one makes, counting it: the notification's progress.</param>
    public static byte[] Notification(string progressTokenJson, int reports, TimeSpan waited)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WriteString("method", "notifications/progress");
            writer.WriteStartObject("params");
            writer.WritePropertyName("progressToken");
            writer.WriteRawValue(progressTokenJson);
            writer.WriteNumber("progress", reports);
            writer.WriteString("message", Message(waited));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
