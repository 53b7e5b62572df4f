using Monitor.Control.Composition;

namespace Monitor.Control.Fleet;

/// <summary><see cref="BootstrapService"/> bound to this console's key and known_hosts files.</summary>
public sealed class ServerBootstrap(BootstrapService service, Func<BootstrapConsole> console) : IServerBootstrap
{
    public static ServerBootstrap For(MonitorServices services, string keyPath) =>
        new(new BootstrapService(services.Directory!, services.Trust!, services.Servers, services.Recorder!), () => BootstrapConsole.FromKey(keyPath));

    public Task<BootstrapResult> BootstrapAsync(BootstrapRequest request, IProgress<BootstrapStep> progress, CancellationToken ct) =>
        service.BootstrapAsync(request, console(), progress, ct);
}
