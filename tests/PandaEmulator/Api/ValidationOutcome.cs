using PandaEmulator.Python;

namespace PandaEmulator.Api;

/// <summary>What <c>request_validation</c> decided: the failure envelope PanDA returns, or the bound arguments.</summary>
internal sealed record ValidationOutcome(PyDict? Failure, PyDict? Arguments)
{
    public static ValidationOutcome Fail(string message) => new(Envelope.Fail(message), null);

    public static ValidationOutcome Pass(PyDict arguments) => new(null, arguments);
}
