using System.Text.Json.Serialization;

namespace Monitor.Control.Webhooks;

/// <summary>The JSON body of an answer. <see cref="Action"/>: deploy, ignored, duplicate, pong; errors carry only
/// <see cref="Error"/> (a 401 says "unauthorized" and nothing more).</summary>
public sealed record WebhookReply
{
    [JsonPropertyName("stack")] public string? Stack { get; init; }
    [JsonPropertyName("commit")] public string? Commit { get; init; }
    [JsonPropertyName("branch")] public string? Branch { get; init; }
    [JsonPropertyName("action")] public string? Action { get; init; }
    /// <summary>With action "deploy": true when it waits behind a running deploy of the same stack.</summary>
    [JsonPropertyName("queued")] public bool? Queued { get; init; }
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
}
