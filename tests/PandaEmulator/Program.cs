using PandaEmulator.Auth;

namespace PandaEmulator;

/// <summary>Runs the emulator, or with <c>mint-token</c> prints a token for it.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == MintTokenCommand.Name)
        {
            return MintTokenCommand.Run(args[1..], Console.Out, Console.Error);
        }
        EmulatorApp.Build(args).Run();
        return 0;
    }
}
