using Monitor.Control.Agents;
using Monitor.Control.Services;
using Monitor.Control.Store;

namespace Monitor.Control.Composition;

/// <summary>The application services the CLI and the TUI share; neither talks to agents or the store directly.</summary>
public sealed class MonitorServices : IAsyncDisposable
{
    public required string User { get; init; }
    public required string StoreDescription { get; init; }
    public required IStateStore Store { get; init; }
    public required IAgentClientFactory Agents { get; init; }
    public required IServerService Servers { get; init; }
    public required IContainerService Containers { get; init; }
    public required ILogService Logs { get; init; }
    public required ICommandService Commands { get; init; }
    public required IHistoryService History { get; init; }
    /// <summary>Docker views: processes, engine events, disk usage, images, volumes, networks. Set by MonitorServicesFactory.</summary>
    public IDockerService? Docker { get; init; }
    /// <summary>For services built on top (stacks): records actions in the history. Set by MonitorServicesFactory.</summary>
    public ActionRecorder? Recorder { get; init; }
    /// <summary>Keepalive devices (shown in the Servers pane).</summary>
    public Devices.DeviceService? Devices { get; init; }
    /// <summary>For services built on top (stacks): server lookup and agent clients. Set by MonitorServicesFactory.</summary>
    public ServerDirectory? Directory { get; init; }
    /// <summary>Interactive exec into containers. Set by MonitorServicesFactory.</summary>
    public Exec.ExecService? Exec { get; init; }
    /// <summary>Supervised apps (shown beside containers). Set by MonitorServicesFactory.</summary>
    public Apps.AppService? Apps { get; init; }
    /// <summary>Stacks: definitions, build/deploy pipeline, sync. Set by MonitorServicesFactory.</summary>
    public Stacks.IStackService? Stacks { get; init; }
    /// <summary>A stack service that records its actions as another user (e.g. "webhook:github" for `monitor serve`).
    /// Set by MonitorServicesFactory.</summary>
    public Func<string, Stacks.IStackService>? StacksFor { get; init; }
    /// <summary>Watch: metric history for graphs, open alerts, process checks (TUI). Set by MonitorServicesFactory.</summary>
    public Watch.IWatchView? Watch { get; init; }
    /// <summary>TLS pins of agents (`server add`, `server trust`). Set by MonitorServicesFactory.</summary>
    public Fleet.ServerTrustService? Trust { get; init; }
    /// <summary>Search over the logs `monitor serve` keeps ([logs]). Set by MonitorServicesFactory.</summary>
    public LogSearch.ILogSearchService? LogSearch { get; init; }
    /// <summary>`server bootstrap` / Servers → add → over SSH. Set by MonitorServicesFactory.OpenAsync (it needs the key file).</summary>
    public Fleet.IServerBootstrap? Bootstrap { get; set; }

    public async ValueTask DisposeAsync()
    {
        await Agents.DisposeAsync().ConfigureAwait(false);
        await Store.DisposeAsync().ConfigureAwait(false);
    }
}
