namespace PandaMcp.Contracts;

/// <summary>
/// What makes a call a public read: the question it asks (the endpoint and its arguments as PanDA reads them), and
/// whether PanDA answers it in its <c>{success, message, data}</c> envelope, which tells a success from a refusal.
/// </summary>
[GenerateSerializer, Immutable, Alias("panda.PublicRead")]
public sealed record PublicRead(
    [property: Id(0)] string Key,
    [property: Id(1)] bool Envelope);
