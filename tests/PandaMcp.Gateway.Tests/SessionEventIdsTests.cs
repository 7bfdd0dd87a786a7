using PandaMcp.Gateway.Sessions;

namespace PandaMcp.Gateway.Tests;

public sealed class SessionEventIdsTests
{
    [Fact]
    public void AnEventId_ReadsBackAsItsSessionAndSequence()
    {
        Assert.True(SessionEventIds.TryParse(SessionEventIds.Format("S3ss10n_-", 4_294_967_297), out var session, out var sequence));

        Assert.Equal(("S3ss10n_-", 4_294_967_297L), (session, sequence));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-colon")]
    [InlineData(":5")]
    [InlineData("session:0")]
    [InlineData("session:-5")]
    [InlineData("session:+5")]
    [InlineData("session:s5")]
    [InlineData("session:99999999999999999999")]
    public void AnythingElse_IsNotAnEventId(string eventId) =>
        Assert.False(SessionEventIds.TryParse(eventId, out _, out _));
}
