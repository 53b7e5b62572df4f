using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Control.Notifications;

/// <summary>Slack incoming webhook body: {"text": "..."}.</summary>
public sealed record SlackBody(string Text);

/// <summary>Discord webhook body: {"content": "..."} (at most 2,000 characters).</summary>
public sealed record DiscordBody(string Content);

/// <summary>The generic webhook body documented in the README.</summary>
public sealed record WebhookBody(string Status, string Id, string Rule, string Kind, string Server, string Subject, string Severity,
    string Message, DateTimeOffset Opened, DateTimeOffset? Resolved);

/// <summary>Source-generated metadata for the notification bodies (the published console is NativeAOT: no reflection),
/// camelCase like the documented payloads.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SlackBody))]
[JsonSerializable(typeof(DiscordBody))]
[JsonSerializable(typeof(WebhookBody))]
public sealed partial class NotificationJsonContext : JsonSerializerContext;
