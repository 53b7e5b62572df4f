using System.Text.Json;
using System.Text.Json.Serialization;
using Monitor.Control.Notifications;
using Monitor.Control.Services;
using Monitor.Control.Store;

namespace Monitor.Control.Alerts;

/// <summary>The alerts in the store (documents: <c>alerts</c> by id, <c>alerts_open</c> by rule|server|subject) and
/// silences (<c>alert_silences</c> by server). Opening claims the open key atomically, so an alert opens once even
/// with several serve processes; resolving is a compare-and-delete of that key, so it resolves once. Each opening
/// and resolution is recorded in the action history and sent to the channels (unless the server is silenced).</summary>
public sealed class AlertBook(IStateStore store, ActionRecorder recorder, NotificationDispatcher? notifications, TimeProvider clock) : IAlertSink
{
    public const string Alerts = "alerts";
    public const string Open = "alerts_open";
    public const string Silences = "alert_silences";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter<AlertSeverity>(JsonNamingPolicy.CamelCase), new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        TypeInfoResolver = Monitor.Control.Composition.ConsoleJson.Resolver,
    };

    public async Task ApplyAsync(AlertTransition change, CancellationToken ct)
    {
        var key = AlertKeys.Of(change.Rule.Name, change.Server, change.Subject);
        if (change.Opens)
        {
            var id = $"{change.At.UtcDateTime:yyyyMMddHHmmssfff}-{Guid.NewGuid().ToString("N")[..6]}";
            if (!await store.TryAddDocumentAsync(Open, key, JsonSerializer.Serialize(new OpenMarker(id), Json), ct).ConfigureAwait(false)) return; // already open
            var silenced = await SilencedUntilAsync(change.Server, ct).ConfigureAwait(false) is not null;
            var alert = new AlertRecord(id, change.Rule.Name, change.Rule.Kind, change.Server, change.Subject, change.Severity, change.Message, change.At, null, silenced);
            await store.PutDocumentAsync(Alerts, id, JsonSerializer.Serialize(alert, Json), ct).ConfigureAwait(false);
            await RecordAsync("alert.open", alert, ct).ConfigureAwait(false);
            if (!silenced) notifications?.Send(new AlertNotice("firing", alert));
            return;
        }
        var openJson = await store.GetDocumentAsync(Open, key, ct).ConfigureAwait(false);
        if (openJson is null || !await store.DeleteDocumentIfAsync(Open, key, openJson, ct).ConfigureAwait(false)) return; // already resolved
        var openId = JsonDocument.Parse(openJson).RootElement.GetProperty("id").GetString()!;
        if (await GetAsync(openId, ct).ConfigureAwait(false) is not { } opened) return;
        var resolved = opened with { Resolved = change.At, Message = $"{opened.Message}; now: {change.Message}" };
        await store.PutDocumentAsync(Alerts, openId, JsonSerializer.Serialize(resolved, Json), ct).ConfigureAwait(false);
        await RecordAsync("alert.resolve", resolved, ct).ConfigureAwait(false);
        if (!resolved.Silenced) notifications?.Send(new AlertNotice("resolved", resolved));
    }

    private async Task RecordAsync(string type, AlertRecord alert, CancellationToken ct)
    {
        var action = await recorder.StartAsync(type, alert.Server, null, alert.Subject.Length == 0 ? alert.Server : alert.Subject, new Dictionary<string, string>
        {
            ["rule"] = alert.Rule, ["kind"] = alert.Kind, ["severity"] = alert.Severity.ToString().ToLowerInvariant(), ["alert"] = alert.Id,
        }, ct).ConfigureAwait(false);
        action.AppendOutput(alert.Message + (alert.Silenced ? " (silenced: not notified)" : ""));
        await action.SucceedAsync().ConfigureAwait(false);
    }

    public async Task<AlertRecord?> GetAsync(string id, CancellationToken ct) =>
        await store.GetDocumentAsync(Alerts, id, ct).ConfigureAwait(false) is { } json ? JsonSerializer.Deserialize<AlertRecord>(json, Json) : null;

    /// <summary>Alerts, newest first.</summary>
    public async Task<IReadOnlyList<AlertRecord>> ListAsync(bool openOnly, CancellationToken ct)
    {
        var all = await store.ListDocumentsAsync(Alerts, ct).ConfigureAwait(false);
        return all.Select(kv => JsonSerializer.Deserialize<AlertRecord>(kv.Value, Json)!)
            .Where(a => !openOnly || a.IsOpen).OrderByDescending(a => a.Opened).ThenByDescending(a => a.Id, StringComparer.Ordinal).ToList();
    }

    public async Task SilenceAsync(string server, TimeSpan duration, CancellationToken ct)
    {
        var until = clock.GetUtcNow() + duration;
        await recorder.RecordAsync("alert.silence", server, null, server, new Dictionary<string, string> { ["until"] = until.ToString("O") }, async _ =>
        {
            await store.PutDocumentAsync(Silences, server, JsonSerializer.Serialize(new Silence(until), Json), ct).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
    }

    public async Task<DateTimeOffset?> SilencedUntilAsync(string server, CancellationToken ct)
    {
        if (await store.GetDocumentAsync(Silences, server, ct).ConfigureAwait(false) is not { } json) return null;
        var until = JsonDocument.Parse(json).RootElement.GetProperty("until").GetDateTimeOffset();
        return until > clock.GetUtcNow() ? until : null;
    }

    /// <summary>alerts_open/KEY: the id of the open alert.</summary>
    internal sealed record OpenMarker(string Id);

    /// <summary>alert_silences/SERVER: silenced until.</summary>
    internal sealed record Silence(DateTimeOffset Until);
}
