namespace PandaMcp.Testing;

/// <summary>
/// A <see cref="GatewayFixture"/> with the per-caller call limit and the reuse of public reads as users get them:
/// interop clients must work with the defaults, and the public-read tests test them.
/// </summary>
public sealed class DefaultsGatewayFixture : GatewayFixture
{
    protected override bool DefaultCallLimit => true;

    protected override bool ReusePublicReads => true;
}
