using System.Text.Json.Serialization;

namespace Monitor.Control.Fleet;

/// <summary>One bootstrap step as reported (progress line, JSON event, history output): <see cref="Status"/> is
/// "done" when it changed something, "ok" when it only checked, "skipped" when it was already right.</summary>
public sealed record BootstrapStep(int Number, string Step, string Status, string Detail, double Seconds)
{
    public const int Count = 7;

    [JsonIgnore]
    public string Line => $"[{Number}/{Count}] {Step,-9} {Status,-7} {Detail} ({Seconds:0.00} s)";
}
