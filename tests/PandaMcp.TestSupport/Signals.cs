using System.Diagnostics;
using System.Runtime.InteropServices;

namespace PandaMcp.Testing;

/// <summary>SIGTERM, as Kubernetes stops a pod (.NET's Process can only kill).</summary>
public static class Signals
{
    private const int SigTerm = 15;

    public static void Terminate(Process process)
    {
        if (!process.HasExited && kill(process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"SIGTERM to {process.Id} failed: errno {Marshal.GetLastWin32Error()}.");
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
