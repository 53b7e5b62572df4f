namespace Monitor.Agent.Apps;

/// <summary>Where one app's files live under the agent's work dir.</summary>
internal sealed class AppPaths(string appsDir, string name)
{
    public string Dir { get; } = Path.Combine(appsDir, name);
    public string StateFile => Path.Combine(Dir, "state.json");
    /// <summary>stdout and stderr of the app, appended by the app itself (so it keeps logging while no agent runs).</summary>
    public string LogFile => Path.Combine(Dir, "output.log");
    public string Rotated(int n) => $"{LogFile}.{n}";
    public const int KeptRotations = 3;
}
