namespace Monitor.Agent.Hosting;

/// <summary>The agent host reacts to no signals itself: Program (SIGTERM/Ctrl+C) or a test decides when it stops,
/// so several in-process agents can run side by side.</summary>
internal sealed class ExternallyControlledLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
