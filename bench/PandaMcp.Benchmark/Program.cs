using System.Runtime.InteropServices;
using PandaMcp.Benchmark;

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}
if (options.ShowHelp)
{
    Console.WriteLine(BenchmarkOptions.Usage);
    return 0;
}

using var cancellation = new CancellationTokenSource();
// A signal would end the process with the servers still running (on .NET 10, SIGTERM does not even raise
// ProcessExit): instead, each one cancels the run, which unwinds and kills the servers it started.
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);
try
{
    Console.WriteLine(options switch
    {
        { IdleSessions: { } sessions } => await IdleSessionsProbe.RunAsync(options, sessions, Console.Out, cancellation.Token),
        { Resume: true } => await ResumeProbe.RunAsync(options, Console.Out, cancellation.Token),
        { Startup: true } => await StartupProbe.RunAsync(options, Console.Out, cancellation.Token),
        { Soak: true } => await SoakRun.RunAsync(options, Console.Out, cancellation.Token),
        { PublicReads: true } => await PublicReadsRun.RunAsync(options, Console.Out, cancellation.Token),
        { Verify: true } => await VerifyProbe.RunAsync(options, Console.Out, cancellation.Token),
        _ => await BenchmarkSession.RunAsync(options, Console.Out, cancellation.Token),
    });
    return 0;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled; the servers were stopped.");
    return 130;
}
catch (BenchmarkFailedException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    cancellation.Cancel();
}
