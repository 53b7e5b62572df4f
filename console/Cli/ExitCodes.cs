namespace Monitor.Control.Cli;

/// <summary>The exit codes of every verb (README "Exit codes"). A verb that runs a command (run, exec) exits with the
/// command's own code instead.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The operation ran and failed (agent error, failed deploy, unreachable server, store error).</summary>
    public const int Failed = 1;
    /// <summary>The request was refused before anything ran: bad arguments, bad config, --read-only.</summary>
    public const int Usage = 2;
    /// <summary>Ctrl-C or SIGTERM.</summary>
    public const int Interrupted = 130;

    /// <summary>Usage (2) for codes that mean "the request itself is wrong", Failed (1) otherwise.</summary>
    public static int ForCode(string code) => code switch
    {
        Monitor.Shared.Protocol.ErrorCodes.InvalidArgument or "config" or "read_only" or "usage" => Usage,
        _ => Failed,
    };
}
