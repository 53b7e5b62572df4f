using System.Reflection;

namespace Monitor.Control.Fleet;

/// <summary>The agent version as the Servers pane shows it: flagged "old" when older than this console's own version.</summary>
public static class AgentVersionFlag
{
    public static string ConsoleVersion { get; } =
        typeof(AgentVersionFlag).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static string Text(string? agentVersion, string? consoleVersion = null) =>
        agentVersion is null ? "" : IsOlder(agentVersion, consoleVersion ?? ConsoleVersion) ? $"{agentVersion} old" : agentVersion;

    /// <summary>Compares MAJOR.MINOR.PATCH (a pre-release suffix is older than its release); unparsable: not older.</summary>
    public static bool IsOlder(string agentVersion, string consoleVersion)
    {
        if (!TryParse(agentVersion, out var agent, out var agentPre) || !TryParse(consoleVersion, out var console, out var consolePre)) return false;
        var compared = agent.CompareTo(console);
        return compared < 0 || (compared == 0 && agentPre && !consolePre);
    }

    private static bool TryParse(string text, out Version version, out bool preRelease)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        preRelease = dash >= 0;
        return Version.TryParse(dash >= 0 ? text[..dash] : text, out version!);
    }
}
