using System.Diagnostics.CodeAnalysis;
using Tomlyn;

namespace Monitor.Shared.Config;

/// <summary>Reads a TOML file into a config model with Tomlyn, turning every failure into a <see cref="ConfigException"/>
/// that names the file, line and column.</summary>
public static class TomlConfigLoader
{
    [RequiresUnreferencedCode("Tomlyn maps the model by reflection; NativeAOT callers use the overload with source-generated metadata")]
    [RequiresDynamicCode("Tomlyn maps the model by reflection; NativeAOT callers use the overload with source-generated metadata")]
    public static T Parse<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(string text, string sourceName, Func<string, string?>? environment = null) where T : class, new() =>
        Parse(text, sourceName, environment, null, (toml, options) => TomlSerializer.Deserialize<T>(toml, options));

    /// <summary>Reads through source-generated metadata (<paramref name="metadata"/>, e.g. <see cref="AgentConfigTomlContext"/>): no reflection.</summary>
    public static T Parse<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(string text, string sourceName, ITomlTypeInfoResolver metadata, Func<string, string?>? environment = null) where T : class, new() =>
        Parse(text, sourceName, environment, metadata, (toml, options) => TomlSerializer.Deserialize(toml, (TomlTypeInfo<T>)metadata.GetTypeInfo(typeof(T), options)!));

    private static T Parse<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(string text, string sourceName, Func<string, string?>? environment,
        ITomlTypeInfoResolver? metadata, Func<string, TomlSerializerOptions, T?> deserialize) where T : class, new()
    {
        text = ConfigVariables.Expand(text, sourceName, environment);
        var options = new TomlSerializerOptions
        {
            SourceName = sourceName,
            PropertyNamingPolicy = TomlKebabOrSnake.Policy,
            PropertyNameCaseInsensitive = true,
            TypeInfoResolver = metadata,
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

    [RequiresUnreferencedCode("Tomlyn maps the model by reflection")]
    [RequiresDynamicCode("Tomlyn maps the model by reflection")]
    public static T Load<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(string path) where T : class, new()
    {
        if (!System.IO.File.Exists(path))
            throw new ConfigException(path, 1, 1, "file not found; run `monitor init` or pass --config PATH");
        return Parse<T>(System.IO.File.ReadAllText(path), path);
    }

    private static string Describe(string message) =>
        message.Contains("expect", StringComparison.OrdinalIgnoreCase) ? message : message + " (check the value's type and spelling against monitor.toml's example)";
}
