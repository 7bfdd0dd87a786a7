namespace PandaMcp.Testing;

/// <summary>A <see cref="GatewayFixture"/> with the per-caller call limit as users get it: interop clients must work with the defaults.</summary>
public sealed class DefaultLimitsGatewayFixture : GatewayFixture
{
    protected override bool DefaultCallLimit => true;
}
