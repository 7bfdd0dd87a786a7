namespace PandaMcp.Contracts;

/// <summary>How a call's arguments are put on the wire, as PanDA's own client does it.</summary>
[GenerateSerializer, Alias("panda.PandaEncoding")]
public enum PandaEncoding
{
    /// <summary>A query string: lists as repeated keys, booleans as True/False, nulls left out.</summary>
    Query = 0,

    /// <summary>A JSON object body.</summary>
    Json = 1,

    /// <summary>A multipart form, for the endpoints that take a file upload.</summary>
    Multipart = 2,
}
