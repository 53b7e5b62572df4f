using System.Runtime.InteropServices;

namespace Monitor.Agent.Apps;

/// <summary>Sends POSIX signals. Hand-written P/Invoke because .NET can only send SIGKILL (Process.Kill) and an app's
/// stop signal may be any of TERM, INT, HUP, QUIT, USR1, USR2.</summary>
internal static class Signals
{
    public const int Kill = 9;

    private static readonly Dictionary<string, int> Numbers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["HUP"] = 1, ["INT"] = 2, ["QUIT"] = 3, ["KILL"] = 9, ["USR1"] = 10, ["USR2"] = 12, ["TERM"] = 15,
    };

    public static IEnumerable<string> Names => Numbers.Keys;

    /// <summary>"TERM", "SIGTERM" or "15" → 15; null when unknown.</summary>
    public static int? Parse(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var n = name.Trim();
        if (n.StartsWith("SIG", StringComparison.OrdinalIgnoreCase)) n = n[3..];
        if (Numbers.TryGetValue(n, out var number)) return number;
        return int.TryParse(n, out var value) && Numbers.ContainsValue(value) ? value : null;
    }

    /// <summary>Signals the process group led by <paramref name="pid"/> (apps run in their own session), falling back
    /// to the process alone. False when neither exists.</summary>
    public static bool SendToGroup(int pid, int signal) => kill(-pid, signal) == 0 || kill(pid, signal) == 0;

    public static bool Send(int pid, int signal) => kill(pid, signal) == 0;

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // LibraryImport would need AllowUnsafeBlocks for the whole agent
    private static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054
}
