using System.Text.Json;

namespace Monitor.Control.Watch;

/// <summary>The body of a watch lease (collection <c>watch_leases</c>, key = server) or of a member heartbeat
/// (collection <c>watch_members</c>, key = owner): who holds it and until when.</summary>
public sealed record WatchLease(string Owner, DateTimeOffset Expires)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { TypeInfoResolver = Monitor.Control.Composition.ConsoleJson.Resolver };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static WatchLease? Read(string? json)
    {
        if (json is null) return null;
        try { return JsonSerializer.Deserialize<WatchLease>(json, Json); }
        catch (JsonException) { return null; }
    }
}
