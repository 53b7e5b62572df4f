namespace Monitor.Control.Fleet;

/// <summary>One server's upgrade: ok, failed (with why; <see cref="RolledBack"/> when the old agent serves again) or
/// skipped (an earlier wave failed).</summary>
public sealed record UpgradeOutcome(string Server, string Result, string? PreviousVersion, string? NewVersion, double Seconds, string? Error, bool RolledBack = false)
{
    public const string Ok = "ok";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
}
