using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;
using Monitor.Shared.Text;

namespace Monitor.Agent.Stacks;

/// <summary>Resolves a path the agent is asked to open to its real location — following every symbolic link, in the
/// middle of the path as well as at its end — and requires it to stay under a root. A path written outside the root
/// is <c>forbidden</c>; a path that only leaves through a link (a repo holding <c>out -&gt; /outside</c>) is
/// <c>invalid_argument</c> naming the path; NUL and other control characters are <c>invalid_argument</c>.</summary>
public static class ConfinedPath
{
    private const int MaxLinkHops = 40; // as Linux's MAXSYMLINKS

    public static string Resolve(string root, string baseDir, string? path, string what)
    {
        path ??= ".";
        if (TerminalText.HasControl(path) || TerminalText.HasControl(baseDir))
            throw new AgentRequestException(ErrorCodes.InvalidArgument,
                $"{what} '{TerminalText.Cell(path, 120)}' contains a control character (NUL, newline...); use a plain path");
        var lexicalRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var realRoot = RealPath(lexicalRoot, what, path);
        var lexical = Path.GetFullPath(Path.Combine(baseDir, path));
        if (!IsUnder(lexicalRoot, lexical) && !IsUnder(realRoot, lexical))
            throw new AgentRequestException(ErrorCodes.Forbidden, $"{what} '{path}' is outside the agent's work dir {lexicalRoot}");
        var real = RealPath(lexical, what, path);
        if (!IsUnder(realRoot, real))
            throw new AgentRequestException(ErrorCodes.InvalidArgument,
                $"{what} '{path}' leaves the work dir through a symbolic link (it resolves to {real}); remove the link or make it point inside the repo");
        return real;
    }

    /// <summary>Throws invalid_argument when the link at <paramref name="linkPath"/> resolves outside <paramref name="root"/>.</summary>
    public static void RequireLinkInside(string root, string linkPath, string relative, string what)
    {
        var realRoot = RealPath(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)), what, relative);
        var real = RealPath(Path.GetFullPath(linkPath), what, relative);
        if (!IsUnder(realRoot, real))
            throw new AgentRequestException(ErrorCodes.InvalidArgument,
                $"{what} holds '{relative}', a symbolic link leading out of it (to {real}); remove the link or make it point inside");
    }

    public static bool IsUnder(string root, string path) =>
        path == root || root == "/" || path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>realpath(3) by hand: .NET's GetFullPath is lexical only and ResolveLinkTarget looks at the last
    /// component only, so every component is checked. Components that do not exist are kept as written.</summary>
    private static string RealPath(string fullPath, string what, string asked)
    {
        var pending = new Stack<string>();
        foreach (var part in fullPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse()) pending.Push(part);
        var current = "/";
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".") continue;
            if (part == "..") { current = Path.GetDirectoryName(current) ?? "/"; continue; }
            var next = Path.Join(current, part);
            string? link;
            try { link = new FileInfo(next).LinkTarget; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { link = null; }
            if (link is null) { current = next; continue; }
            if (++hops > MaxLinkHops)
                throw new AgentRequestException(ErrorCodes.InvalidArgument, $"{what} '{asked}' goes through more than {MaxLinkHops} symbolic links");
            if (Path.IsPathRooted(link)) current = "/";
            foreach (var linkPart in link.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse()) pending.Push(linkPart);
        }
        return current;
    }
}
