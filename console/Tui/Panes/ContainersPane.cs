using Monitor.Control.Tui.Contexts;
using Monitor.Control.Tui.Input;
using Monitor.Control.Tui.Views;
using Monitor.Shared.Protocol;
using Terminal.Gui.ViewBase;

namespace Monitor.Control.Tui.Panes;

/// <summary>Containers of the selected server (or stack): start/stop/restart/remove with confirmation, inspect,
/// and Enter to follow the log.</summary>
public sealed class ContainersPane : IPaneController
{
    private readonly IShell _shell;
    private readonly ListPaneView<ContainerRow> _view;
    private readonly Func<string?> _defaultServer;

    public ContainersPane(IShell shell, Func<string?> defaultServer, Action<string, IReadOnlyList<string>> followLogs)
    {
        _shell = shell;
        _defaultServer = defaultServer;
        _view = new ListPaneView<ContainerRow>(Context.List) { Caption = Title, EmptyText = "No containers (select a server and press Enter)." };
        Bindings = new KeyBindingTable(shell.Options.ReadOnly)
            .Add("Enter", "Logs", () =>
            {
                if (Context.List.Selected is { IsApp: true } app) AppPaneActions.ShowLogs(shell, app);
                else if (Context.List.Selected is { } c) followLogs(c.Server, [c.Name]);
            })
            .Add("L", "Logs of all", () =>
            {
                if (Context.Server is { } server && Context.List.Visible.Count > 0)
                    followLogs(server, Context.List.Visible.Select(c => c.Name).ToList());
            }, inStatusBar: false)
            .Add("s", "Start", () => Act("Start", false, (svc, srv, c, ct) => svc.StartAsync(srv, c, ct)), changesState: true, needs: AgentRole.Operator)
            .Add("t", "Stop", () => Act("Stop", true, (svc, srv, c, ct) => svc.StopAsync(srv, c, ct)), changesState: true, needs: AgentRole.Operator)
            .Add("r", "Restart", () => Act("Restart", true, (svc, srv, c, ct) => svc.RestartAsync(srv, c, ct)), changesState: true, needs: AgentRole.Operator)
            .Add("d", "Remove", () => Act("Remove", true, (svc, srv, c, ct) => svc.RemoveAsync(srv, c, true, ct)), changesState: true, needs: AgentRole.Operator)
            .Add("x", "Exec shell", () =>
            {
                if (Context.List.Selected is { IsApp: true }) shell.SetMessage("exec is for containers; an app's output is under Enter", error: true);
                else if (Context.List.Selected is { } c) shell.RequestExec(c.Server, c.Name);
            }, changesState: true, needs: AgentRole.Admin)
            .Add("i", "Inspect", () => { if (Context.List.Selected is { IsApp: true } app) AppPaneActions.Show(shell, app); else Inspect(); })
            .Add("p", "Processes", () => DockerViews.ShowProcesses(shell, Context.List.Selected))
            .Add("g", "Graphs", () => { if (Context.List.Selected is { IsApp: false } c) new WatchGraphs(shell).Show(c.Server, c.Name); }, inStatusBar: false)
            .Add("e", "Events", () => DockerViews.ShowEvents(shell, Context.Server ?? _defaultServer()), inStatusBar: false)
            .Add("F5", "Refresh", () => shell.RunBackground("Refresh containers", RefreshAsync))
            .AddNavigation(Context.List, _view.SetNeedsDraw);
        Bindings.Scope = () => (Context.List.Selected?.Server ?? Context.Server) is { } server ? new RoleScope(server, shell.KeyRoleOn(server)) : null;
        Bindings.Refused = message => shell.SetMessage(message, error: true);
    }

    public ContainersContext Context { get; } = new();
    public PaneId Id => PaneId.Containers;
    public string Title => "Containers";
    public View View => _view;
    public KeyBindingTable Bindings { get; }
    public string Filter => Context.List.Filter;

    public void SetFilter(string text) { Context.List.SetFilter(text); _view.SetNeedsDraw(); }

    public void Jump(string argument) => ShowServer(argument);

    public void ShowServer(string server)
    {
        Context.ScopeToServer(server);
        Context.Apply([]);
        ShowScope();
        _shell.RunBackground($"List containers on {server}", RefreshAsync);
    }

    public void ShowStack(string stack, string server)
    {
        Context.ScopeToStack(stack, server);
        Context.Apply([]);
        ShowScope();
        _shell.RunBackground($"List containers of stack {stack}", RefreshAsync);
    }

    /// <summary>Caption and empty-list text follow the scope, so an empty list says whose containers it lists.</summary>
    private void ShowScope()
    {
        _view.Caption = Context.Title;
        _view.EmptyText = Context.Stack is { } stack ? $"No containers of stack {stack} on {Context.Server}."
            : Context.Server is { } server ? $"No containers on {server}." : "No containers (select a server and press Enter).";
    }

    public async Task RefreshAsync(CancellationToken ct)
    {
        var server = Context.Server ?? _defaultServer();
        if (server is null) return;
        var svc = _shell.Services.Containers;
        var list = await svc.ListAsync(server, true, ct).ConfigureAwait(false);
        var rows = await Task.WhenAll(list.Select(async c =>
        {
            if (c.State != "running") return new ContainerRow(server, c, null);
            try { return new ContainerRow(server, c, await svc.StatsAsync(server, c.Id, ct).ConfigureAwait(false)); }
            catch (Exception e) when (e is not OperationCanceledException) { return new ContainerRow(server, c, null); }
        })).ConfigureAwait(false);
        if (Context.Stack is null) rows = [.. rows, .. await AppPaneActions.RowsAsync(_shell.Services, server, ct).ConfigureAwait(false)];
        _shell.Post(() =>
        {
            if (Context.Server is null) { Context.ScopeToServer(server); ShowScope(); }
            if (Context.Server != server) return;
            Context.Apply(rows);
            _view.RedrawIfStale();
        });
    }

    private void Act(string verb, bool confirm, Func<Services.IContainerService, string, string, CancellationToken, Task<ContainerActionResult>> action)
    {
        if (Context.List.Selected is not { } row) return;
        void Run() => _shell.RunBackground($"{verb} {row.Name} on {row.Server}", async ct =>
        {
            _shell.Post(() => _shell.SetMessage($"{verb} {row.Name} on {row.Server}…"));
            var state = row.IsApp
                ? (await AppPaneActions.ActAsync(_shell.Services, verb, row, ct).ConfigureAwait(false)).State
                : (await action(_shell.Services.Containers, row.Server, TargetOf(row), ct).ConfigureAwait(false)).State;
            _shell.Post(() => _shell.SetMessage($"{verb} {row.Name}: done, now {state}."));
            await RefreshAsync(ct).ConfigureAwait(false);
        });
        if (confirm) _shell.Confirm($"{verb} {(row.IsApp ? "app" : "container")} {row.Name} on {row.Server}?", Run);
        else Run();
    }

    /// <summary>The name the operator sees (and the history records as the target); the id only for a nameless container.</summary>
    private static string TargetOf(ContainerRow row) => string.IsNullOrEmpty(row.Name) ? row.Container.Id : row.Name;

    private void Inspect()
    {
        if (Context.List.Selected is not { } row) return;
        _shell.RunBackground($"Inspect {row.Name}", async ct =>
        {
            var d = await _shell.Services.Containers.InspectAsync(row.Server, row.Container.Id, ct).ConfigureAwait(false);
            var lines = Services.ContainerDocument.Lines(d);
            _shell.Post(() => _shell.ShowText($"Container {d.Name}", lines));
        });
    }
}
