using PandaMcp.Gateway.Sessions;

namespace PandaMcp.Gateway.Tests;

public sealed class SessionEventIdsTests
{
    [Theory]
    [InlineData("7")]
    [InlineData("\"a:b\"")]
    [InlineData("réquête ✓")]
    [InlineData("")]
    public void AStreamStart_ReadsBackAsItsSessionAndStream(string streamId)
    {
        Assert.True(SessionEventIds.TryParse(SessionEventIds.FormatStreamStart("S3ss10n_-", streamId), out var session, out var stream, out var sequence));

        Assert.Equal(("S3ss10n_-", streamId, 0L), (session, stream, sequence));
    }

    [Fact]
    public void AKeptEvent_ReadsBackAsItsSessionAndSequence()
    {
        Assert.True(SessionEventIds.TryParse(SessionEventIds.Format("S3ss10n_-", 4_294_967_297), out var session, out var stream, out var sequence));

        Assert.Equal(("S3ss10n_-", (string?)null, 4_294_967_297L), (session, stream, sequence));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-colon")]
    [InlineData(":5")]
    [InlineData("session:0")]
    [InlineData("session:-5")]
    [InlineData("session:s***")]
    [InlineData("session:s_w")]
    [InlineData("session:x5")]
    public void AnythingElse_IsNotAnEventId(string eventId) =>
        Assert.False(SessionEventIds.TryParse(eventId, out _, out _, out _));
}
