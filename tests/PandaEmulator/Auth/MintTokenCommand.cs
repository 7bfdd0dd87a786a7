using System.Globalization;

namespace PandaEmulator.Auth;

/// <summary>
/// <c>mint-token --sub alice [--vo atlas] [--production] [--ttl 3600] [--name "Alice Smith"] [--issuer I]</c>:
/// prints a token signed with the development key, which every emulator accepts.
/// </summary>
internal static class MintTokenCommand
{
    public const string Name = "mint-token";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        string? sub = null;
        string? name = null;
        var vo = "atlas";
        var production = false;
        var ttl = TokenIssuer.DefaultLifetime;
        var issuer = TokenIssuer.DefaultIssuer;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            try
            {
                switch (args[i])
                {
                    case "--sub": sub = Value(); break;
                    case "--vo": vo = Value(); break;
                    case "--name": name = Value(); break;
                    case "--production": production = true; break;
                    case "--ttl": ttl = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)); break;
                    case "--issuer": issuer = Value(); break;
                    default: throw new ArgumentException($"Unknown option {args[i]}.");
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                error.WriteLine(e.Message);
                return Usage(error);
            }
        }
        if (string.IsNullOrWhiteSpace(sub))
        {
            error.WriteLine("--sub is required.");
            return Usage(error);
        }
        try
        {
            output.WriteLine(new TokenIssuer(issuer: issuer).Issue(sub, vo, production, ttl, name));
            return 0;
        }
        catch (ArgumentException e)
        {
            error.WriteLine(e.Message);
            return 2;
        }
    }

    private static int Usage(TextWriter error)
    {
        error.WriteLine("usage: mint-token --sub <user> [--vo atlas] [--production] [--ttl <seconds>] [--name <full name>] [--issuer <iss>]");
        return 2;
    }
}
