namespace PandaEmulator.Faults;

/// <summary>What an injected fault does after its delay.</summary>
internal enum FaultAction
{
    None,
    ServerError,
    CloseConnection,
}
