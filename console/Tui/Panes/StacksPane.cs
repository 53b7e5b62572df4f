using Monitor.Control.Tui.Contexts;
using Monitor.Control.Tui.Input;
using Monitor.Control.Tui.Views;
using Terminal.Gui.ViewBase;

namespace Monitor.Control.Tui.Panes;

/// <summary>Stacks: kind, version, servers, state, last deploy; deploy/build/pull with output streamed into the Logs
/// pane. Works without a stack service (says so).</summary>
public sealed class StacksPane : IPaneController
{
    private readonly IShell _shell;
    private readonly ListPaneView<StackRow> _view;
    private readonly IStackSource? _source;

    public StacksPane(IShell shell, Action<string, string> showContainers, LogsPane logs)
    {
        _shell = shell;
        _source = shell.Options.Stacks;
        Context = new StacksContext(_source is not null);
        _view = new ListPaneView<StackRow>(Context.List)
        {
            Caption = Title,
            EmptyText = Context.Available ? "No stacks defined." : "Stacks are not available in this console build.",
        };
        Bindings = new KeyBindingTable(shell.Options.ReadOnly)
            .Add("Enter", "Containers", () =>
            {
                if (Context.List.Selected is { Servers.Count: > 0 } s) showContainers(s.Name, s.Servers[0]);
            })
            .Add("D", "Deploy", () => Run(StackOperation.Deploy, logs), changesState: true)
            .Add("b", "Build", () => Run(StackOperation.Build, logs), changesState: true)
            .Add("p", "Pull", () => Run(StackOperation.Pull, logs), changesState: true)
            .Add("a", "Add", () => Form()?.Add(), changesState: true)
            .Add("e", "Edit", () => { if (Context.List.Selected is { } s) Form()?.Edit(s.Name); }, changesState: true)
            .Add("F5", "Refresh", () => shell.RunBackground("Refresh stacks", RefreshAsync))
            .AddNavigation(Context.List, _view.SetNeedsDraw);
    }

    private StackForm? Form()
    {
        if (_source is null) { _shell.SetMessage("Stacks are not available in this console build.", error: true); return null; }
        return new StackForm(_shell, _source, RefreshAsync);
    }

    public StacksContext Context { get; }
    public PaneId Id => PaneId.Stacks;
    public string Title => "Stacks";
    public View View => _view;
    public KeyBindingTable Bindings { get; }
    public string Filter => Context.List.Filter;

    public void SetFilter(string text) { Context.List.SetFilter(text); _view.SetNeedsDraw(); }

    public void Jump(string argument)
    {
        if (!Context.List.SelectBy(argument)) _shell.SetMessage($"No stack named '{argument}'.", error: true);
        _view.SetNeedsDraw();
    }

    public async Task RefreshAsync(CancellationToken ct)
    {
        if (_source is null) return;
        var stacks = await _source.ListAsync(ct).ConfigureAwait(false);
        _shell.Post(() => { Context.List.SetItems(stacks); _view.RedrawIfStale(); });
    }

    private void Run(StackOperation operation, LogsPane logs)
    {
        if (_source is null || Context.List.Selected is not { } stack) return;
        var verb = operation.ToString().ToLowerInvariant();
        _shell.Confirm($"{operation} stack {stack.Name} on {string.Join(", ", stack.Servers)}?", () =>
        {
            logs.BeginOutput($"{verb} {stack.Name}");
            var progress = new InlineProgress<string>(line => logs.AppendOutput(stack.Name, line));
            _shell.RunBackground($"{operation} stack {stack.Name}", async ct =>
            {
                await _source.RunAsync(stack.Name, operation, progress, ct).ConfigureAwait(false);
                _shell.Post(() => _shell.SetMessage($"{operation} of {stack.Name} finished."));
                await RefreshAsync(ct).ConfigureAwait(false);
            });
        });
    }
}
