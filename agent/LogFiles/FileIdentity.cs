using System.Runtime.InteropServices;

namespace Monitor.Agent.LogFiles;

/// <summary>The inode of a path (identifies a file across renames: how rotation is told apart from truncation).
/// Hand-written P/Invoke because .NET exposes no inode; st_ino sits right after the 8-byte st_dev on x86_64 and aarch64.</summary>
internal static class FileIdentity
{
    public static ulong? Inode(string path)
    {
        var buffer = new byte[256];
        return stat(path, buffer) == 0 ? BitConverter.ToUInt64(buffer, 8) : null;
    }

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // LibraryImport would need AllowUnsafeBlocks for the whole agent
    private static extern int stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);
#pragma warning restore SYSLIB1054
}
