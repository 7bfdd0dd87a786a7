using System.Net.ServerSentEvents;
using System.Text.Json;

namespace PandaMcp.Testing;

/// <summary>
/// The SSE events of one HTTP response, read one at a time with a timeout; a response of another kind (an
/// error, a JSON answer) is read whole into <see cref="Body"/>.
/// </summary>
public sealed class SseStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly IAsyncEnumerator<SseItem<string>> _events;

    private SseStream(HttpResponseMessage response, Stream events, string? body)
    {
        _response = response;
        _events = SseParser.Create(events).EnumerateAsync().GetAsyncEnumerator();
        Body = body;
    }

    public HttpResponseMessage Response => _response;

    /// <summary>The whole body of a response that is not an event stream.</summary>
    public string? Body { get; }

    /// <summary>The id of the last event read that had one: what a client sends back as Last-Event-ID.</summary>
    public string? LastEventId { get; private set; }

    public static async Task<SseStream> OpenAsync(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType == "text/event-stream"
            ? new(response, await response.Content.ReadAsStreamAsync(), body: null)
            : new(response, Stream.Null, await response.Content.ReadAsStringAsync());

    /// <summary>The next event, or null when the stream ended.</summary>
    public async Task<SseItem<string>?> NextAsync(TimeSpan timeout)
    {
        if (!await _events.MoveNextAsync().AsTask().WaitAsync(timeout))
        {
            return null;
        }
        if (_events.Current.EventId is { Length: > 0 } id)
        {
            LastEventId = id;
        }
        return _events.Current;
    }

    /// <summary>Reads until the JSON-RPC response (or error) to <paramref name="id"/>; the messages before it are returned too.</summary>
    public async Task<(JsonElement Response, List<JsonElement> Before)> ResponseToAsync(int id, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var before = new List<JsonElement>();
        while (true)
        {
            var next = await NextAsync(timeout) ?? throw new InvalidOperationException($"The stream ended before the response to request {id}.");
            if (string.IsNullOrEmpty(next.Data))
            {
                continue;
            }
            var message = JsonDocument.Parse(next.Data).RootElement.Clone();
            if (message.TryGetProperty("id", out var messageId) && messageId.ValueKind == JsonValueKind.Number && messageId.GetInt32() == id
                && (message.TryGetProperty("result", out _) || message.TryGetProperty("error", out _)))
            {
                return (message, before);
            }
            before.Add(message);
            deadline.Token.ThrowIfCancellationRequested();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _events.DisposeAsync();
        _response.Dispose();
    }
}
