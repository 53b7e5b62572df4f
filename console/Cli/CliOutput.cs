using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Control.Cli;

/// <summary>Writes results either as JSON (--json) or as aligned text.</summary>
public sealed class CliOutput(TextWriter writer, bool json)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public bool Json { get; } = json;
    public TextWriter Writer { get; } = writer;

    public void WriteJson<T>(T value) => Writer.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    public void WriteLine(string text) => Writer.WriteLine(text);

    public void WriteTable(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows) =>
        Writer.Write(TextTable.Format(headers, rows));
}
