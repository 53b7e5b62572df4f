using System.Text.Json.Serialization;
using Tomlyn.Serialization;

namespace Monitor.Shared.Config;

/// <summary>Source-generated TOML metadata for agent.toml (snake_case keys, like <see cref="TomlKebabOrSnake"/>): the
/// NativeAOT agent reads its config without reflection.</summary>
[TomlSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, PropertyNameCaseInsensitive = true)]
[TomlSerializable(typeof(AgentConfig))]
public partial class AgentConfigTomlContext : TomlSerializerContext;
