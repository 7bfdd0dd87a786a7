namespace PandaEmulator.Api;

/// <summary>An HTTP answer as PanDA gives it: a status and a text/plain body.</summary>
internal readonly record struct ApiAnswer(int Status, string Body)
{
    public static ApiAnswer Forbidden(string reason) => new(StatusCodes.Status403Forbidden, $"ERROR : {reason}");

    public static ApiAnswer ServerError(string text) => new(StatusCodes.Status500InternalServerError, text);
}
