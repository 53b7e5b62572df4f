using System.Text.Json;

namespace Monitor.Control.Store.Relational;

/// <summary>How the store turns dictionaries, tag lists and documents into JSON columns and back.</summary>
internal static class StoreJson
{
    public static string FromDictionary(IReadOnlyDictionary<string, string> values) =>
        JsonSerializer.Serialize(values, Monitor.Control.Composition.ConsoleJsonContext.Default.IReadOnlyDictionaryStringString);

    public static IReadOnlyDictionary<string, string> ToDictionary(string json) =>
        JsonSerializer.Deserialize(json, Monitor.Control.Composition.ConsoleJsonContext.Default.DictionaryStringString) ?? new Dictionary<string, string>();

    public static string FromList(IReadOnlyList<string> values) => JsonSerializer.Serialize(values, Monitor.Control.Composition.ConsoleJsonContext.Default.IReadOnlyListString);

    public static IReadOnlyList<string> ToList(string json) =>
        JsonSerializer.Deserialize(json, Monitor.Control.Composition.ConsoleJsonContext.Default.ListString) ?? [];

    /// <summary>Rejects text that is not JSON, so every backend refuses the same documents.</summary>
    public static void RequireValidDocument(string collection, string key, string json)
    {
        try
        {
            using var _ = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ArgumentException(
                $"Document '{collection}/{key}' is not valid JSON ({e.Message}); it was not stored.", nameof(json), e);
        }
    }
}
