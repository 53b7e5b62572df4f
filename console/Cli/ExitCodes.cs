namespace Monitor.Control.Cli;

public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The operation was attempted and failed (agent unreachable, container not found, ...).</summary>
    public const int Failed = 1;
    /// <summary>Bad usage or configuration: fix the command line or monitor.toml.</summary>
    public const int Usage = 2;
}
