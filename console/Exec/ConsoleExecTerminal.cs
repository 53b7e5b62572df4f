using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Monitor.Control.Exec;

/// <summary>The process's own terminal. Stdin is read with poll(2)+read(2) on fd 0 rather than Console's stream, so
/// the relay can stop without leaving a pending read that would swallow the next key meant for the TUI. Raw mode uses
/// stty (a well-known tool) instead of hand-written termios structs.</summary>
public sealed partial class ConsoleExecTerminal : IExecTerminal, IDisposable
{
    private readonly Stream _output = Console.OpenStandardOutput();
    private readonly PosixSignalRegistration? _winch;

    public ConsoleExecTerminal()
    {
        if (IsInteractive)
            _winch = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, context => { context.Cancel = true; Resized?.Invoke(); });
    }

    public bool IsInteractive => !Console.IsInputRedirected && !Console.IsOutputRedirected;
    public (int Columns, int Rows)? Size => IsInteractive ? (Console.WindowWidth, Console.WindowHeight) : null;
    public event Action? Resized;

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct)
    {
        var chunk = new byte[buffer.Length];
        while (!ct.IsCancellationRequested)
        {
            var ready = await Task.Run(() => Poll(0, 100), CancellationToken.None).ConfigureAwait(false);
            if (ready < 0) return 0;
            if (ready == 0) continue;
            var n = (int)Read(0, chunk, chunk.Length);
            if (n <= 0) return 0;
            chunk.AsMemory(0, n).CopyTo(buffer);
            return n;
        }
        ct.ThrowIfCancellationRequested();
        return 0;
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        await _output.WriteAsync(bytes, ct).ConfigureAwait(false);
        await _output.FlushAsync(ct).ConfigureAwait(false);
    }

    public IDisposable EnterRawMode()
    {
        if (!IsInteractive) return new Restore(null);
        var saved = Stty("-g").Trim();
        Stty("raw", "-echo");
        return new Restore(saved);
    }

    private static string Stty(params string[] args)
    {
        var info = new ProcessStartInfo("stty") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output;
    }

    private static int Poll(int fd, int timeoutMs)
    {
        var pfd = new PollFd { Fd = fd, Events = 1 /* POLLIN */ };
        var r = PollNative(ref pfd, 1, timeoutMs);
        if (r > 0 && (pfd.Revents & (0x008 | 0x010 | 0x020)) != 0 && (pfd.Revents & 1) == 0) return -1; // ERR/HUP/NVAL
        return r;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd { public int Fd; public short Events; public short Revents; }

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int PollNative(ref PollFd fds, nuint count, int timeout);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, [Out] byte[] buffer, nint count);

    public void Dispose() => _winch?.Dispose();

    private sealed class Restore(string? saved) : IDisposable
    {
        public void Dispose() { if (saved is { Length: > 0 }) Stty(saved); }
    }
}
