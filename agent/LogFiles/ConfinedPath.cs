using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.LogFiles;

/// <summary>Resolves a path the way the kernel would, component by component, following every symlink (a link in the
/// middle escapes as well as one at the end), inside <paramref name="root"/> ("" for the host, /proc/PID/root for a
/// container, where absolute link targets start again at that root). The caller then checks the result lies inside an
/// allowed directory. Paths with ".." are refused before resolving.</summary>
internal static class ConfinedPath
{
    private const int MaxLinks = 40;

    /// <summary>The resolved path as seen inside <paramref name="root"/> (starts with '/'), or null when a component does
    /// not exist.</summary>
    public static string? Resolve(string root, string path)
    {
        if (!path.StartsWith('/')) throw Refused(path, "it is not absolute");
        if (path.Contains('\0')) throw Refused(path, "it contains NUL");
        if (path.Split('/').Any(p => p == "..")) throw Refused(path, "it contains '..'");
        var pending = new Stack<string>(path.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = new List<string>();
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".") continue;
            if (part == "..") { if (current.Count > 0) current.RemoveAt(current.Count - 1); continue; }
            var logical = "/" + string.Join('/', current.Append(part));
            var real = root + logical;
            var info = new FileInfo(real);
            if (!info.Exists && !Directory.Exists(real)) return null;
            if (info.LinkTarget is { } target)
            {
                if (++links > MaxLinks) throw Refused(path, "it has too many symbolic links");
                if (target.StartsWith('/')) current.Clear();
                foreach (var t in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse()) pending.Push(t);
                continue;
            }
            current.Add(part);
        }
        return "/" + string.Join('/', current);
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="dir"/> or below it (both resolved).</summary>
    public static bool IsInside(string path, string dir) =>
        path == dir || path.StartsWith(dir.TrimEnd('/') + "/", StringComparison.Ordinal);

    public static AgentRequestException Refused(string path, string why) =>
        new(ErrorCodes.Forbidden, $"log file path '{Clean(path)}' refused: {why}; give a file in the agent's log_file_dirs (see `monitor logfile list`)");

    private static string Clean(string s) => new(s.Take(200).Select(ch => char.IsControl(ch) ? '?' : ch).ToArray());
}
