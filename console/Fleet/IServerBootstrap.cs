namespace Monitor.Control.Fleet;

/// <summary>Bootstrap a server over SSH as this console (the CLI verb and the TUI's Servers → add → over SSH).</summary>
public interface IServerBootstrap
{
    Task<BootstrapResult> BootstrapAsync(BootstrapRequest request, IProgress<BootstrapStep> progress, CancellationToken ct);
}
