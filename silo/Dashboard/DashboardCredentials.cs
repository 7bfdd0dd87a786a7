using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace PandaMcp.Silo.Dashboard;

/// <summary>Checks an <c>Authorization: Basic</c> header against the configured user and password, in constant time.</summary>
public sealed class DashboardCredentials(string username, string password)
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes($"{username}:{password}");

    public bool Accepts(string? authorization)
    {
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return false;
        }
        var given = new byte[header.Parameter.Length];
        if (!Convert.TryFromBase64String(header.Parameter, given, out var length))
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(given.AsSpan(0, length), _expected);
    }
}
