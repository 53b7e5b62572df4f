using System.Text.Json.Serialization;

namespace Monitor.Agent.Apps;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AppState))]
internal sealed partial class AppStateJsonContext : JsonSerializerContext;
