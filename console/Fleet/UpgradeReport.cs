namespace Monitor.Control.Fleet;

/// <summary>What `server upgrade` did: one outcome per server in order; <see cref="StoppedAt"/> names the first
/// server that failed (the waves after it were not started).</summary>
public sealed record UpgradeReport(string File, string Sha256, int Wave, IReadOnlyList<UpgradeOutcome> Servers, string? StoppedAt)
{
    public bool Ok => StoppedAt is null;
}
