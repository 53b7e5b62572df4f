using Microsoft.Extensions.Hosting;

namespace Monitor.Control.Webhooks;

/// <summary>Keeps the generic host from installing its own Ctrl-C/SIGTERM handling: `monitor serve` decides when to
/// stop (it first lets running deploys finish), and tests run several servers in one process.</summary>
internal sealed class SignalFreeLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
