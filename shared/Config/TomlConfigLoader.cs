using Tomlyn;

namespace Monitor.Shared.Config;

/// <summary>Reads a TOML file into a config model with Tomlyn, turning every failure into a <see cref="ConfigException"/>
/// that names the file, line and column.</summary>
public static class TomlConfigLoader
{
    public static T Parse<T>(string text, string sourceName, Func<string, string?>? environment = null) where T : class, new()
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
            var value = TomlSerializer.Deserialize<T>(text, options) ?? new T();
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

    public static T Load<T>(string path) where T : class, new()
    {
        if (!System.IO.File.Exists(path))
            throw new ConfigException(path, 1, 1, "file not found; run `monitor init` or pass --config PATH");
        return Parse<T>(System.IO.File.ReadAllText(path), path);
    }

    private static string Describe(string message) =>
        message.Contains("expect", StringComparison.OrdinalIgnoreCase) ? message : message + " (check the value's type and spelling against monitor.toml's example)";
}
