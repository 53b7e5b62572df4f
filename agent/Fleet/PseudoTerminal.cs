using System.Runtime.InteropServices;

namespace Monitor.Agent.Fleet;

/// <summary>A Linux pseudo-terminal pair from libc's openpty. .NET has no PTY API and the maintained PTY packages
/// target Windows ConPTY or bundle native helpers; three libc calls are all a host shell needs.</summary>
internal sealed class PseudoTerminal : IDisposable
{
    private const int FSetFd = 2, FdCloexec = 1;
    private const ulong Tiocswinsz = 0x5414; // same on x86_64 and arm64 (asm-generic)

    [StructLayout(LayoutKind.Sequential)]
    private struct WinSize { public ushort Rows, Columns, XPixel, YPixel; }

    [DllImport("libc", SetLastError = true)]
    private static extern int openpty(out int master, out int slave, IntPtr name, IntPtr termios, ref WinSize size);

    [DllImport("libc", SetLastError = true)]
    private static extern int ioctl(int fd, ulong request, ref WinSize size);

    [DllImport("libc", SetLastError = true)]
    private static extern int fcntl(int fd, int command, int argument);

    [DllImport("libc", SetLastError = true)]
    private static extern int ptsname_r(int fd, byte[] buffer, nuint length);

    [DllImport("libc")]
    private static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern nint read(int fd, byte[] buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    private static extern nint write(int fd, byte[] buffer, nint count);

    private const int Eintr = 4;

    private int _master;
    private int _slave;

    private PseudoTerminal(int master, int slave, string slavePath)
    {
        _master = master; _slave = slave; SlavePath = slavePath;
    }

    /// <summary>/dev/pts/N: the child opens it itself and makes it its controlling terminal.</summary>
    public string SlavePath { get; }

    /// <summary>Blocking read of what the shell printed (read(2) on the master: a FileStream would serialize it with
    /// writes); 0 once the shell and everything it started closed the terminal.</summary>
    public int Read(byte[] buffer)
    {
        while (true)
        {
            var n = read(Volatile.Read(ref _master), buffer, buffer.Length);
            if (n >= 0) return (int)n;
            if (Marshal.GetLastPInvokeError() != Eintr) return 0; // EIO: no slave left
        }
    }

    /// <summary>What the operator typed, to the shell.</summary>
    public void Write(byte[] bytes)
    {
        var done = 0;
        while (done < bytes.Length)
        {
            var chunk = done == 0 ? bytes : bytes[done..];
            var n = write(Volatile.Read(ref _master), chunk, chunk.Length);
            if (n < 0)
            {
                if (Marshal.GetLastPInvokeError() == Eintr) continue;
                throw new IOException($"write to the terminal failed (errno {Marshal.GetLastPInvokeError()})");
            }
            done += (int)n;
        }
    }

    public static PseudoTerminal Open(int columns, int rows)
    {
        var size = new WinSize { Columns = (ushort)columns, Rows = (ushort)rows };
        if (openpty(out var master, out var slave, IntPtr.Zero, IntPtr.Zero, ref size) != 0)
            throw new IOException($"openpty failed (errno {Marshal.GetLastPInvokeError()})");
        // Neither end may leak into processes the agent starts later (a leaked slave would keep the session open).
        fcntl(master, FSetFd, FdCloexec);
        fcntl(slave, FSetFd, FdCloexec);
        var name = new byte[128];
        if (ptsname_r(master, name, (nuint)name.Length) != 0)
        {
            close(master); close(slave);
            throw new IOException($"ptsname failed (errno {Marshal.GetLastPInvokeError()})");
        }
        return new PseudoTerminal(master, slave, System.Text.Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0)));
    }

    public void Resize(int columns, int rows)
    {
        var size = new WinSize { Columns = (ushort)Math.Clamp(columns, 1, 1000), Rows = (ushort)Math.Clamp(rows, 1, 1000) };
        ioctl(_master, Tiocswinsz, ref size); // the kernel sends SIGWINCH to the shell
    }

    /// <summary>Closes the agent's copy of the slave once the child has its own (then the master reads EOF/EIO when the shell exits).</summary>
    public void CloseSlave()
    {
        var slave = Interlocked.Exchange(ref _slave, -1);
        if (slave >= 0) close(slave);
    }

    public void Dispose()
    {
        CloseSlave();
        var master = Interlocked.Exchange(ref _master, -1);
        if (master >= 0) close(master);
    }
}
