using Monitor.Shared.Config;
using Tomlyn;

namespace Monitor.TestSupport;

/// <summary>Writes an <see cref="AgentConfig"/> as agent.toml with the same source-generated Tomlyn context the agent
/// reads it with (snake_case keys), so every field a test sets reaches an out-of-process agent.</summary>
public static class AgentToml
{
    public static string Write(AgentConfig config) =>
        TomlSerializer.Serialize(config, typeof(AgentConfig), MonitorTomlContext.Default);

    public static async Task WriteAsync(AgentConfig config, string path, CancellationToken ct = default) =>
        await File.WriteAllTextAsync(path, Write(config), ct);
}
