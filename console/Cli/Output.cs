using System.Text.Json;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Monitor.Control.Cli;

/// <summary>JSON for scripts (camelCase, enums as strings) and aligned columns for people.</summary>
public static class Output
{
    /// <summary>camelCase, enums as camelCase strings, readable quotes and &lt;&gt;&amp; (control characters stay escaped).
    /// Metadata comes from source-generated contexts (<see cref="CliJsonContext"/> for what only the CLI prints, the
    /// protocol's for payloads), so a NativeAOT console prints JSON without reflection; reflection is only the fallback
    /// where the runtime allows it (a JIT build) for a type no context lists yet.</summary>
    public static readonly JsonSerializerOptions JsonOptions = CreateOptions();

    /// <summary><see cref="JsonOptions"/> on one line.</summary>
    public static readonly JsonSerializerOptions CompactOptions = Compact();

    public static void Json<T>(TextWriter writer, T value) => writer.WriteLine(Serialize(value, JsonOptions));

    /// <summary>One JSON object on one line (streams: logs, serve events).</summary>
    public static string JsonLine<T>(T value) => Serialize(value, CompactOptions);

    /// <summary>Serializes with the metadata of the declared type T from the options' resolvers (no reflection
    /// binding when a context lists T).</summary>
    public static string Serialize<T>(T value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));

    private static JsonSerializerOptions Compact()
    {
        var options = new JsonSerializerOptions(JsonOptions) { WriteIndented = false };
        options.MakeReadOnly();
        return options;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            // One generic converter per enum the CLI prints (NativeAOT cannot make the non-generic factory's converters).
            Converters =
            {
                new JsonStringEnumConverter<Monitor.Control.Agents.AgentConnectionState>(JsonNamingPolicy.CamelCase),
                new JsonStringEnumConverter<Monitor.Shared.Protocol.AgentRole>(JsonNamingPolicy.CamelCase),
                new JsonStringEnumConverter<Monitor.Control.Alerts.AlertSeverity>(JsonNamingPolicy.CamelCase),
                new JsonStringEnumConverter<Monitor.Control.Stacks.SyncChangeKind>(JsonNamingPolicy.CamelCase),
                new JsonStringEnumConverter<Monitor.Control.Stacks.ImagePullMode>(JsonNamingPolicy.CamelCase),
                new JsonStringEnumConverter<Monitor.Control.Webhooks.QueuePosition>(JsonNamingPolicy.CamelCase),
                new JsonStringEnumConverter<Monitor.Shared.Models.ActionSortField>(JsonNamingPolicy.CamelCase),
            },
            TypeInfoResolver = JsonSerializer.IsReflectionEnabledByDefault
                ? JsonTypeInfoResolver.Combine(CliJsonContext.Default, Monitor.Shared.Protocol.ProtocolJson.Options.TypeInfoResolver!, ReflectionFallback())
                : JsonTypeInfoResolver.Combine(CliJsonContext.Default, Monitor.Shared.Protocol.ProtocolJson.Options.TypeInfoResolver!),
        };
        if (JsonSerializer.IsReflectionEnabledByDefault) options.Converters.Add(AnyEnum());
        options.MakeReadOnly();
        return options;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only used when reflection-based serialization is enabled (JIT builds).")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only used when reflection-based serialization is enabled (JIT builds).")]
    private static IJsonTypeInfoResolver ReflectionFallback() => new RecordingFallback();

    /// <summary>Types printed through the reflection fallback (none should be: a NativeAOT console cannot print them).
    /// Tests assert this stays empty; the fix is a [JsonSerializable] line in <see cref="CliJsonContext"/>.</summary>
    internal static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, bool> ReflectedTypes = new();

    [RequiresUnreferencedCode("Reflection-based JSON metadata.")]
    [RequiresDynamicCode("Reflection-based JSON metadata.")]
    private sealed class RecordingFallback : IJsonTypeInfoResolver
    {
        private readonly DefaultJsonTypeInfoResolver _inner = new();

        public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options)
        {
            ReflectedTypes[type] = true;
            return _inner.GetTypeInfo(type, options);
        }
    }

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only used when reflection-based serialization is enabled (JIT builds).")]
    private static JsonConverter AnyEnum() => new JsonStringEnumConverter(JsonNamingPolicy.CamelCase);

    /// <summary>Table cells longer than this are cut with an ellipsis (the full value is in --json).</summary>
    public const int MaxCell = 80;

    public static void Table(TextWriter writer, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var all = rows.Select(r => r.Select(c => Monitor.Shared.Text.TerminalText.Cell(c, MaxCell)).ToList()).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => i < r.Count ? r[i].Length : 0))).ToList();
        writer.WriteLine(string.Join("  ", headers.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in all)
            writer.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
    }

    public static string Time(DateTimeOffset? time) => time?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
