namespace PandaMcp.Clients;

/// <summary>
/// The headers PanDA's own MCP clients send (<c>mcp_test_client.py</c>, <c>panda_mcp_proxy.py</c>): the ID token
/// twice, because FastMCP servers drop <c>Authorization</c> and read <c>X-Auth-Token</c>, and the VO in
/// <c>Origin</c>, which is where PanDA reads it.
/// </summary>
internal static class PandaAuthHeaders
{
    public static IEnumerable<KeyValuePair<string, string>> For(string? token, string? vo)
    {
        if (!string.IsNullOrEmpty(token))
        {
            yield return new("Authorization", $"Bearer {token}");
            yield return new("X-Auth-Token", token);
        }
        if (!string.IsNullOrEmpty(vo))
        {
            yield return new("Origin", vo);
        }
    }
}
