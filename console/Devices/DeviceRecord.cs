using System.Text.Json;

namespace Monitor.Control.Devices;

/// <summary>A device that cannot run the agent (an ESP32, a demo machine) and posts keepalives to `monitor serve`.
/// Only the SHA-256 of its token is kept. <see cref="State"/> is the last small JSON body it sent, if any.</summary>
public sealed record DeviceRecord
{
    public required string Name { get; init; }
    public required string TokenHash { get; init; }
    public required int IntervalSeconds { get; init; }
    public required DateTimeOffset Added { get; init; }
    public DateTimeOffset? LastSeen { get; init; }
    public JsonElement? State { get; init; }

    public TimeSpan Interval => TimeSpan.FromSeconds(IntervalSeconds);

    /// <summary>Silent longer than its interval (counted from the last keepalive, or from when it was added).</summary>
    public bool IsMissed(DateTimeOffset now) => now - (LastSeen ?? Added) > Interval;
}
