namespace Monitor.TestSupport;

/// <summary>Which monitor-agent the tests run, by the same rule as <see cref="ConsoleExecutable"/>: the published
/// NativeAOT agent (.state/publish/agent/monitor-agent, made by scripts/setup.sh) when it is at least as new as the
/// Debug build; MONITOR_TEST_AGENT_EXECUTABLE overrides the binary, MONITOR_TEST_AGENT (inprocess | published) the
/// mode of <see cref="TestAgent"/>.</summary>
public static class AgentExecutable
{
    public const string ModeVariable = "MONITOR_TEST_AGENT";
    public const string ExecutableVariable = "MONITOR_TEST_AGENT_EXECUTABLE";

    /// <summary>The published NativeAOT agent, whether or not it is older than the Debug build.</summary>
    public static string Published => System.IO.Path.Combine(ConsoleExecutable.RepoRoot(), ".state", "publish", "agent", "monitor-agent");

    /// <summary>The Debug build's directory (apphost monitor-agent + monitor-agent.dll).</summary>
    public static string DebugDirectory => System.IO.Path.Combine(ConsoleExecutable.RepoRoot(), "agent", "bin", "Debug", "net10.0");

    /// <summary>The binary out-of-process agents run: MONITOR_TEST_AGENT_EXECUTABLE when set, else the published agent
    /// (a missing one fails the start with a message naming scripts/setup.sh).</summary>
    public static string Path =>
        Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } configured ? configured : Published;

    /// <summary>True when the published agent exists and is at least as new as the Debug build of the agent.</summary>
    public static bool PublishedIsCurrent
    {
        get
        {
            var debugDll = System.IO.Path.Combine(DebugDirectory, "monitor-agent.dll");
            return File.Exists(Published) && (!File.Exists(debugDll) || File.GetLastWriteTimeUtc(Published) >= File.GetLastWriteTimeUtc(debugDll));
        }
    }

    /// <summary>Whether <see cref="TestAgent.StartAsync"/> runs the agent as its own process: MONITOR_TEST_AGENT=published
    /// or inprocess decides; unset, an override binary or an up-to-date published agent means out of process.</summary>
    public static bool OutOfProcess =>
        Environment.GetEnvironmentVariable(ModeVariable)?.Trim().ToLowerInvariant() switch
        {
            "published" => true,
            "inprocess" or "in-process" => false,
            null or "" => Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } || PublishedIsCurrent,
            var other => throw new InvalidOperationException($"{ModeVariable}={other}: use 'published' or 'inprocess'"),
        };
}
