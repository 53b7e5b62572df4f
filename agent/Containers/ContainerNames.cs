using System.Text.RegularExpressions;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Containers;

/// <summary>Container names and ids accepted from the console: Docker's name alphabet, never a leading '-'
/// (so nothing can be read as an option). A leading '/' as Docker prints names is tolerated.</summary>
public static partial class ContainerNames
{
    [GeneratedRegex(@"\A[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}\z")]
    private static partial Regex Valid();

    public static bool IsValid(string? nameOrId) => nameOrId is not null && Valid().IsMatch(nameOrId.TrimStart('/'));

    /// <summary>Returns the name without a leading '/', or throws invalid_argument.</summary>
    public static string Require(string? nameOrId)
    {
        if (!IsValid(nameOrId))
            throw new AgentRequestException(ErrorCodes.InvalidArgument,
                $"'{Shorten(nameOrId)}' is not a container name or id (letters, digits, '_', '.', '-', not starting with '-')");
        return nameOrId!.TrimStart('/');
    }

    private static string Shorten(string? text) => Monitor.Shared.Text.TerminalText.Cell(text, 80);
}
