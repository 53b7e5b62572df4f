using System.Text.RegularExpressions;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Docker;

/// <summary>Validation of names and ids the console sends (never starting with '-', Docker's allowed characters).</summary>
public static partial class Names
{
    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$")]
    private static partial Regex ContainerRef();

    public static string RequireContainer(string? value)
    {
        if (value is null || !ContainerRef().IsMatch(value))
            throw new AgentRequestException(ErrorCodes.InvalidArgument, $"'{value}' is not a container name or id (letters, digits, '_', '.', '-'; not starting with '-')");
        return value;
    }
}
