using System.Text.RegularExpressions;
using Monitor.Control.Services;
using Monitor.Control.Tui.Contexts;
using Monitor.Control.Tui.Input;
using Monitor.Control.Tui.Views;
using Monitor.Shared.Protocol;
using Terminal.Gui.ViewBase;

namespace Monitor.Control.Tui.Panes;

/// <summary>Servers: state, metrics, sparklines; add/edit/remove a server, run a command on it, drill into its containers.</summary>
public sealed partial class ServersPane : IPaneController
{
    private readonly IShell _shell;
    private readonly ListPaneView<ServerRow> _view;
    private readonly BootstrapForm _bootstrap;

    public ServersPane(IShell shell, Action<string> showContainers, LogsPane logs)
    {
        _shell = shell;
        _view = new ListPaneView<ServerRow>(Context.List) { Caption = Title, EmptyText = "No servers. Press a to add one." };
        _bootstrap = new BootstrapForm(shell, logs, RefreshAsync);
        Bindings = new KeyBindingTable(shell.Options.ReadOnly)
            .Add("Enter", "Containers", () => { if (SelectedServer is { } s) showContainers(s.Name); })
            .Add("a", "Add", AddServer, changesState: true)
            .Add("e", "Edit", EditServer, changesState: true)
            .Add("d", "Remove", RemoveServer, changesState: true)
            .Add("c", "Run command", () => RunCommand(logs), changesState: true, needs: AgentRole.Admin)
            .Add("t", "Host shell", () => { if (SelectedServer is { } s) shell.RequestExec(s.Name, Fleet.HostShellService.TuiTarget); }, changesState: true, needs: AgentRole.Admin)
            .Add("g", "Graphs", () => { if (SelectedServer is { } s) new WatchGraphs(shell).Show(s.Name, null); }, inStatusBar: false)
            .Add("F5", "Refresh", () => shell.RunBackground("Refresh servers", RefreshAsync))
            .AddNavigation(Context.List, _view.SetNeedsDraw);
        Bindings.Scope = () => SelectedServer is { } s ? new RoleScope(s.Name, Fleet.KeyRoleGate.Parse(s.KeyRole)) : null;
        Bindings.Refused = message => shell.SetMessage(message, error: true);
        if (shell.Services.Presence is { } presence) presence.Changed += OnPresenceChanged;
    }

    public ServersContext Context { get; } = new();
    /// <summary>The selected row when it is a server (device rows take no server actions).</summary>
    private ServerRow? SelectedServer => Context.List.Selected is { IsDevice: false } s ? s : null;
    public PaneId Id => PaneId.Servers;
    public string Title => "Servers";
    public View View => _view;
    public KeyBindingTable Bindings { get; }
    public string Filter => Context.List.Filter;

    public void SetFilter(string text) { Context.List.SetFilter(text); _view.SetNeedsDraw(); }

    public void Jump(string argument)
    {
        if (!Context.List.SelectBy(argument)) _shell.SetMessage($"No server named '{argument}'. Press a to add it.", error: true);
        _view.SetNeedsDraw();
    }

    public async Task RefreshAsync(CancellationToken ct)
    {
        var servers = await _shell.Services.Servers.ListAsync(ct).ConfigureAwait(false);
        if (_shell.Services.Presence is { } presence)
        {
            // Pushed, not polled: the agents' metrics.watch samples keep the presence current; this reads a snapshot.
            _servers = servers;
            presence.Track(servers);
            var liveDevices = _shell.Services.Devices is { } dv ? await dv.ListAsync(ct).ConfigureAwait(false) : [];
            _devices = liveDevices;
            BuildFromPresence();
            return;
        }
        var statuses = await Task.WhenAll(servers.Select(async s =>
        {
            try { return await _shell.Services.Servers.StatusAsync(s.Name, ct).ConfigureAwait(false); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return new ServerStatus(s, Agents.AgentConnectionState.Unreachable, e.Message, null, null);
            }
        })).ConfigureAwait(false);
        var devices = _shell.Services.Devices is { } d ? await d.ListAsync(ct).ConfigureAwait(false) : [];
        Build(statuses, devices, force: true);
    }

    private IReadOnlyList<Monitor.Shared.Models.ServerInfo> _servers = [];
    private IReadOnlyList<Devices.DeviceRecord> _devices = [];
    private int _presencePending;
    private readonly Lock _buildGate = new();
    private (object Servers, object Devices)? _builtFrom;

    /// <summary>A presence change: rows are rebuilt at most every <see cref="PresenceRedraw"/> (hundreds of servers
    /// push samples), off the UI thread.</summary>
    private void OnPresenceChanged()
    {
        if (Interlocked.Exchange(ref _presencePending, 1) == 1) return;
        _ = Task.Delay(PresenceRedraw).ContinueWith(_ => BuildFromPresence(), TaskScheduler.Default);
    }

    public static readonly TimeSpan PresenceRedraw = TimeSpan.FromMilliseconds(250);

    private void BuildFromPresence()
    {
        Volatile.Write(ref _presencePending, 0);
        if (_shell.Services.Presence is not { } presence) return;
        var servers = _servers;
        var statuses = new ServerStatus[servers.Count];
        for (var i = 0; i < statuses.Length; i++) statuses[i] = presence.StatusOf(servers[i]);
        Build(statuses, _devices, force: false);
    }

    /// <summary>Builds the rows here (a pool thread: only servers whose status changed get new rows) and hands the
    /// UI thread the finished update to swap in. Builds and their hand-over are serialised, so the UI never sees an
    /// older build after a newer one.</summary>
    private void Build(IReadOnlyList<ServerStatus> statuses, IReadOnlyList<Devices.DeviceRecord> devices, bool force)
    {
        lock (_buildGate)
        {
            var update = Context.Prepare(statuses, devices);
            var from = ((object)_servers, (object)devices);
            if (!force && update.Set.Changed == 0 && _builtFrom == from) return; // nothing new to show
            _builtFrom = from;
            _shell.Post(() => ShowRows(update));
        }
    }

    /// <summary>UI thread: swap the rows in; redraw the pane only when a row in view changed, the header only when
    /// the counts did.</summary>
    private void ShowRows(ServerRowUpdate update)
    {
        var counts = (Context.Online, Context.Total);
        Context.Show(update);
        _view.RedrawIfStale();
        if (counts != (Context.Online, Context.Total)) _shell.RedrawHeader();
    }

    [GeneratedRegex(@"\A[a-zA-Z0-9][a-zA-Z0-9_.-]*\z")]
    private static partial Regex NamePattern();

    /// <summary>Validates a server form field; returns the problem or null.</summary>
    public static string? Validate(string field, string value) => field switch
    {
        "name" when !NamePattern().IsMatch(value) =>
            $"Server name '{value}' is not valid: use letters, digits, '.', '_' or '-', starting with a letter or digit.",
        "url" when !Uri.TryCreate(value, UriKind.Absolute, out var u) || (u.Scheme != "ws" && u.Scheme != "wss") =>
            $"Agent URL '{value}' is not valid: use ws://host:port or wss://host:port.",
        _ => null,
    };

    private void AddServer() => AskName("", "", "");

    private void EditServer()
    {
        if (SelectedServer is not { } s) return;
        AskUrl(s.Name, s.Url, "");
    }

    private void AskName(string name, string url, string description) =>
        _shell.Prompt("Server name", name, value =>
        {
            if (Validate("name", value) is { } problem) { _shell.SetMessage(problem, error: true); AskName(value, url, description); return; }
            AskUrl(value, url, description);
        });

    private void AskUrl(string name, string url, string description) =>
        _shell.Prompt($"Agent URL for {name} (or ssh://user@host to install the agent over SSH)", url.Length > 0 ? url : "ws://", value =>
        {
            if (BootstrapForm.IsSshTarget(value)) { _bootstrap.Start(name, value, description); return; }
            if (Validate("url", value) is { } problem) { _shell.SetMessage(problem, error: true); AskUrl(name, value, description); return; }
            _shell.Prompt($"Description for {name} (optional)", description, text =>
                _shell.RunBackground($"Save server {name}", async ct =>
                {
                    await _shell.Services.Servers.AddAsync(name, value, text.Length == 0 ? null : text, ct).ConfigureAwait(false);
                    _shell.Post(() => _shell.SetMessage($"Saved server {name} ({value})."));
                    await RefreshAsync(ct).ConfigureAwait(false);
                }));
        });

    private void RemoveServer()
    {
        if (SelectedServer is not { } s) return;
        _shell.Confirm($"Remove server {s.Name} from the console? (its agent keeps running)", () =>
            _shell.RunBackground($"Remove server {s.Name}", async ct =>
            {
                await _shell.Services.Servers.RemoveAsync(s.Name, ct).ConfigureAwait(false);
                _shell.Post(() => _shell.SetMessage($"Removed server {s.Name}."));
                await RefreshAsync(ct).ConfigureAwait(false);
            }));
    }

    private void RunCommand(LogsPane logs)
    {
        if (SelectedServer is not { } s) return;
        _shell.Prompt($"Command on {s.Name} (no shell)", "", text =>
        {
            var args = CommandLine.SplitArguments(text);
            if (args.Count == 0) return;
            var source = $"{s.Name}$ {text}";
            logs.BeginOutput($"{s.Name}: {text}");
            _shell.Focus(PaneId.Logs);
            logs.AppendOutput(source, $"$ {text}");
            var progress = new InlineProgress<OutputChunk>(c => logs.AppendOutput(source, c.Text, c.Stream));
            _shell.RunBackground($"Run '{text}' on {s.Name}", async ct =>
            {
                var result = await _shell.Services.Commands.RunAsync(s.Name, new CommandRunRequest(args[0], args.Skip(1).ToList()), progress, ct)
                    .ConfigureAwait(false);
                _shell.Post(() => _shell.SetMessage(
                    $"'{text}' on {s.Name} exited {result.ExitCode}{(result.TimedOut ? " (timed out)" : "")} in {result.DurationSeconds:0.0}s.",
                    error: result.ExitCode != 0));
            });
        });
    }
}
