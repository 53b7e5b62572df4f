using System.Text.Json.Serialization;
using Tomlyn.Serialization;

namespace Monitor.Shared.Config;

/// <summary>Source-generated Tomlyn metadata for monitor.toml: the console reads its config without reflection
/// (NativeAOT: Tomlyn's reflection binder is off in a published console). The options of each file come from
/// <see cref="TomlConfigLoader"/> (naming policy snake_case, case-insensitive, the file name for error positions).</summary>
[TomlSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, PropertyNameCaseInsensitive = true)]
[TomlSerializable(typeof(MonitorConfig))]
public sealed partial class MonitorTomlContext : TomlSerializerContext
{
    /// <summary>The context bound to one file's options (the generated one is bound to the defaults).</summary>
    public MonitorTomlContext(Tomlyn.TomlSerializerOptions options) : base(options) { }
}
