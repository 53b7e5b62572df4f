using System.Runtime.InteropServices;

namespace Monitor.TestSupport;

/// <summary>A test's own name for the shared published agent binary: a hard link (a copy across file systems) in the
/// test's directory. An agent that upgrades itself (`server upgrade`) swaps the file it was started from; through the
/// link that is the test's entry, never the binary every other test is starting at the same moment.</summary>
public static class PrivateAgentLink
{
    /// <summary>Returns <paramref name="directory"/>/monitor-agent, linked to (or copied from) <paramref name="shared"/>.</summary>
    public static string Create(string shared, string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, Path.GetFileName(shared));
        if (File.Exists(path)) return path;
        // .NET has no hard-link API (File.CreateSymbolicLink would resolve back to the shared file): libc link(2).
        if (link(shared, path) != 0) File.Copy(shared, path);
        return path;
    }

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // LibraryImport would need AllowUnsafeBlocks for the whole support library
    private static extern int link([MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);
#pragma warning restore SYSLIB1054
}
