using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Control.Cli;

/// <summary>JSON for scripts (camelCase, enums as strings) and aligned columns for people.</summary>
public static class Output
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // readable quotes and <>&; control characters stay escaped
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly JsonSerializerOptions LineOptions = new(JsonOptions) { WriteIndented = false };

    public static void Json<T>(TextWriter writer, T value) => writer.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>One JSON object on one line (streams: logs, serve events).</summary>
    public static string JsonLine<T>(T value) => JsonSerializer.Serialize(value, LineOptions);

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
