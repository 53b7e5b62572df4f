using System.Text.Json.Serialization;
using Tomlyn.Serialization;

namespace Monitor.Shared.Config;

/// <summary>Source-generated Tomlyn metadata for monitor.toml and agent.toml: the console and the agent read their
/// config without reflection (NativeAOT: Tomlyn's reflection binder is off in both published programs). The options of each file come from
/// <see cref="TomlConfigLoader"/> (naming policy snake_case, case-insensitive, the file name for error positions).</summary>
[TomlSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, PropertyNameCaseInsensitive = true)]
[TomlSerializable(typeof(MonitorConfig))]
[TomlSerializable(typeof(AgentConfig))]
public sealed partial class MonitorTomlContext : TomlSerializerContext
{
    /// <summary>The context bound to one file's options (the generated one is bound to the defaults).</summary>
    public MonitorTomlContext(Tomlyn.TomlSerializerOptions options) : base(options) { }
}
