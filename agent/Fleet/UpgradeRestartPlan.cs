namespace Monitor.Agent.Fleet;

/// <summary>What the restart after a committed upgrade needs: the swapped binary, its backup and how long the new
/// process has to answer before the backup is put back.</summary>
public sealed record UpgradeRestartPlan(string Binary, string Backup, string NewVersion, TimeSpan HealthTimeout);
