using System.Diagnostics.CodeAnalysis;
using Tomlyn;
using Tomlyn.Serialization;

namespace Monitor.Shared.Config;

/// <summary>Reads a TOML file into a config model with Tomlyn, turning every failure into a <see cref="ConfigException"/>
/// that names the file, line and column.</summary>
public static class TomlConfigLoader
{
    [RequiresUnreferencedCode("Binds T by reflection; use the overload taking a source-generated TomlSerializerContext under NativeAOT.")]
    [RequiresDynamicCode("Binds T by reflection; use the overload taking a source-generated TomlSerializerContext under NativeAOT.")]
    public static T Parse<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(string text, string sourceName, Func<string, string?>? environment = null) where T : class, new() =>
        ParseWith<T>(text, sourceName, (expanded, options) => TomlSerializer.Deserialize<T>(expanded, options), environment);

    /// <summary>Reads <paramref name="text"/> with a source-generated context (no reflection binding; NativeAOT-safe):
    /// <paramref name="context"/> makes the context for this file's options (naming, the file name in error positions),
    /// e.g. <c>options =&gt; new MonitorTomlContext(options)</c>.</summary>
    public static T Parse<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(string text, string sourceName, Func<TomlSerializerOptions, TomlSerializerContext> context, Func<string, string?>? environment = null) where T : class, new() =>
        ParseWith<T>(text, sourceName, (expanded, options) => (T?)TomlSerializer.Deserialize(expanded, typeof(T), context(options)), environment);

    private static T ParseWith<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(string text, string sourceName, Func<string, TomlSerializerOptions, T?> deserialize, Func<string, string?>? environment) where T : class, new()
    {
        text = ConfigVariables.Expand(text, sourceName, environment);
        var options = new TomlSerializerOptions
        {
            SourceName = sourceName,
            PropertyNamingPolicy = TomlKebabOrSnake.Policy,
            PropertyNameCaseInsensitive = true,
        };
        try
        {
            var value = deserialize(text, options) ?? new T();
            UnknownKeyCheck.Run(typeof(T), text, sourceName);
            return value;
        }
        catch (TomlException ex)
        {
            // Tomlyn reports 1-based line and column; its message may repeat the position, which we strip.
            var message = ex.Message;
            var marker = message.IndexOf(" : error : ", StringComparison.Ordinal);
            if (marker > 0) message = message[(marker + 11)..].Trim();
            throw new ConfigException(sourceName, Math.Max(ex.Line ?? 1, 1), Math.Max(ex.Column ?? 1, 1), Describe(message));
        }
    }

    [RequiresUnreferencedCode("Binds T by reflection; use the overload taking a source-generated TomlSerializerContext under NativeAOT.")]
    [RequiresDynamicCode("Binds T by reflection; use the overload taking a source-generated TomlSerializerContext under NativeAOT.")]
    public static T Load<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(string path) where T : class, new() =>
        Parse<T>(ReadExisting(path), path);

    /// <summary>Reads the file at <paramref name="path"/> with a source-generated context (NativeAOT-safe).</summary>
    public static T Load<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(string path, Func<TomlSerializerOptions, TomlSerializerContext> context) where T : class, new() =>
        Parse<T>(ReadExisting(path), path, context);

    private static string ReadExisting(string path)
    {
        if (!System.IO.File.Exists(path))
            throw new ConfigException(path, 1, 1, "file not found; run `monitor init` or pass --config PATH");
        return System.IO.File.ReadAllText(path);
    }

    private static string Describe(string message) =>
        message.Contains("expect", StringComparison.OrdinalIgnoreCase) ? message : message + " (check the value's type and spelling against monitor.toml's example)";
}
