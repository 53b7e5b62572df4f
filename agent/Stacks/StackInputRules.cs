using Monitor.Agent.Dispatch;
using System.Text.RegularExpressions;
using Monitor.Shared.Protocol;
using Monitor.Shared.Text;

namespace Monitor.Agent.Stacks;

/// <summary>Checks names, refs and paths before they reach Docker, git or a process.</summary>
public static partial class StackInputRules
{
    [GeneratedRegex(@"\A[a-z0-9][a-z0-9_.-]*\z")]
    private static partial Regex NamePattern();

    /// <summary>Container, project and repo-key names: Compose's <c>[a-z0-9][a-z0-9_.-]*</c>.</summary>
    public static string Name(string? value, string what)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 128 || !NamePattern().IsMatch(value))
            throw new AgentRequestException(ErrorCodes.InvalidArgument,
                $"{what} '{TerminalText.Cell(value, 80)}' is not valid: use lower-case letters, digits, '_', '.', '-', starting with a letter or digit");
        return value;
    }

    /// <summary>Image refs, URLs, branches, commits: non-empty, no leading '-', no control characters.</summary>
    public static string Ref(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value) || value.StartsWith('-') || value.Any(char.IsControl))
            throw new AgentRequestException(ErrorCodes.InvalidArgument, $"{what} '{TerminalText.Cell(value, 120)}' is not valid: it must be non-empty, must not start with '-' and must not hold control characters");
        return value;
    }

    public static string? OptionalRef(string? value, string what) => value is null ? null : Ref(value, what);

    /// <summary>Resolves <paramref name="path"/> (absolute, or relative to <paramref name="baseDir"/>) to its real path,
    /// following every symbolic link, and requires it to stay inside <paramref name="workDir"/> (see <see cref="ConfinedPath"/>).</summary>
    public static string PathInside(string workDir, string baseDir, string? path, string what) =>
        ConfinedPath.Resolve(workDir, baseDir, path, what);
}
