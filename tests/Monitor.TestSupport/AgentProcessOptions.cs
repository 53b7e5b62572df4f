namespace Monitor.TestSupport;

/// <summary>How <see cref="AgentProcess"/> starts the agent: <paramref name="Executable"/> (default
/// <see cref="AgentExecutable.Path"/>; a .dll runs through `dotnet`) and extra environment variables.</summary>
public sealed record AgentProcessOptions(string? Executable = null, IReadOnlyDictionary<string, string>? Environment = null);
