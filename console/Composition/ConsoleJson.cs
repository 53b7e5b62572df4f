using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Monitor.Control.Composition;

/// <summary>Where the console's store documents get their JSON metadata: <see cref="ConsoleJsonContext"/>, the
/// protocol's contexts, and — only where the runtime allows reflection (a JIT build, never the NativeAOT console) —
/// reflection for a type no context lists yet.</summary>
internal static class ConsoleJson
{
    public static IJsonTypeInfoResolver Resolver { get; } = JsonSerializer.IsReflectionEnabledByDefault
        ? JsonTypeInfoResolver.Combine(ConsoleJsonContext.Default, Monitor.Shared.Protocol.ProtocolJson.Options.TypeInfoResolver!, Reflection())
        : JsonTypeInfoResolver.Combine(ConsoleJsonContext.Default, Monitor.Shared.Protocol.ProtocolJson.Options.TypeInfoResolver!);

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only used when reflection-based serialization is enabled (JIT builds).")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only used when reflection-based serialization is enabled (JIT builds).")]
    private static IJsonTypeInfoResolver Reflection() => new DefaultJsonTypeInfoResolver();
}
