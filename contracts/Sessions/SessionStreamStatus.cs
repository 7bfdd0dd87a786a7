namespace PandaMcp.Contracts.Sessions;

/// <summary>See <see cref="SessionStreamItem"/>.</summary>
[GenerateSerializer, Alias("panda.SessionStreamStatus")]
public enum SessionStreamStatus
{
    /// <summary>No such session for this caller: the first and only item.</summary>
    NotFound = 0,

    /// <summary>The event to resume after is not kept (any more): the first and only item.</summary>
    UnknownEvent = 1,

    /// <summary>The stream is open; the item's event is its start (a new stream) or the one resumed after.</summary>
    Opened = 2,

    /// <summary>An event of the stream.</summary>
    Event = 3,
}
