namespace PandaMcp.Contracts;

/// <summary>
/// Every log event id of the project's programs, so that one id names one event: a search by id finds one kind of
/// line, whichever process wrote it (the all-in-one gateway's log mixes every project's). A block per area.
/// </summary>
public static class LogEvents
{
    // PanDA's REST API (silo/Panda).
    public const int PandaAnswered = 1001;
    public const int PandaCallFailed = 1002;
    public const int PandaTlsUnverified = 1003;
    public const int PandaCustomTrust = 1004;
    public const int PandaCircuitOpened = 1005;
    public const int PandaCircuitHalfOpened = 1006;
    public const int PandaCircuitClosed = 1007;

    // Tool calls (gateway/Tools).
    public const int ToolRejected = 2001;
    public const int ToolFailedInCluster = 2002;

    // Sessions (silo/Grains, gateway/Sessions).
    public const int SessionStarted = 3001;
    public const int SessionEnded = 3002;
    public const int SessionCallFailed = 3003;
    public const int SessionLimitReached = 3004;
    public const int SessionClusterUnavailable = 3005;
    public const int SessionReadAskedAgain = 3006;
    public const int LegacyStreamOpened = 3011;
    public const int LegacyStreamClosed = 3012;
    public const int LegacyRequestFailed = 3013;

    // Requests refused before MCP work (gateway/Security).
    public const int OriginRefused = 4001;
    public const int CallerLimited = 4002;
    public const int TokenRefused = 4003;
    public const int IdentityProviderUnavailable = 4004;

    // Hosting: start, stop, the cluster connection.
    public const int GatewayStarted = 5001;
    public const int Draining = 5002;
    public const int ClusterUnreachable = 5003;

    // The stdio bridge (clients/PandaMcp.StdioBridge, which links this file).
    public const int BridgeNoToken = 9001;
    public const int BridgeUsingToken = 9002;
    public const int BridgeTokenRefreshed = 9003;
    public const int BridgeRefreshFailed = 9004;
    public const int BridgeConnected = 9010;
    public const int BridgeConnectFailed = 9011;
    public const int BridgeForwardFailed = 9020;
}
