using Monitor.Control.Tui.Contexts;
using Monitor.Control.Tui.Input;
using Monitor.Control.Tui.Views;
using Monitor.Shared.Models;
using Terminal.Gui.ViewBase;

namespace Monitor.Control.Tui.Panes;

/// <summary>The action history, newest first; sort by any column, filter by server/stack/type/user/success, Enter
/// opens a record with its whole output.</summary>
public sealed class HistoryPane : IPaneController
{
    private readonly IShell _shell;
    private readonly ListPaneView<ActionRecord> _view;
    private long _loadsStarted;
    private long _newestShown; // touched on the UI thread only

    public HistoryPane(IShell shell)
    {
        _shell = shell;
        _view = new ListPaneView<ActionRecord>(Context.List) { Caption = Title, EmptyText = "No actions recorded yet." };
        Bindings = new KeyBindingTable(shell.Options.ReadOnly)
            .Add("Enter", "Open", Open)
            .Add("o", "Sort by", () => { Context.CycleSort(); Reload(); })
            .Add("O", "Order", () => { Context.ToggleOrder(); Reload(); })
            .Add("f", "Filter", () => shell.Prompt("History filter (server= stack= type= user= success=)", "", ApplyQueryFilter))
            .Add("F5", "Refresh", Reload)
            .Add("m", "More (next page)", LoadMore)
            .AddNavigation(Context.List, _view.SetNeedsDraw, sortable: false);
    }

    public HistoryContext Context { get; } = new();
    public PaneId Id => PaneId.History;
    public string Title => "History";
    public View View => _view;
    public KeyBindingTable Bindings { get; }
    public string Filter => Context.List.Filter;

    public void SetFilter(string text) { Context.List.SetFilter(text); _view.SetNeedsDraw(); }

    public void Jump(string argument) => ApplyQueryFilter(argument);

    /// <summary>Loads the history for the current query. Loads can overlap (timer, F5, a new filter); an answer older
    /// than one already shown is dropped, so a slow earlier load never replaces newer records.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        var query = Context.Query;
        var load = Interlocked.Increment(ref _loadsStarted);
        var records = await _shell.Services.History.QueryAsync(Context.RefreshQuery, ct).ConfigureAwait(false);
        _shell.Post(() =>
        {
            if (Context.Query != query || load < _newestShown) return;
            _newestShown = load;
            Context.List.SetItems(records);
            _view.Caption = $"History · {Context.Describe()}";
            _view.RedrawIfStale(); // the periodic refresh mostly brings the same records: no redraw then
        });
    }

    private void LoadMore()
    {
        if (Context.NextPageQuery is not { } next) return;
        var query = Context.Query;
        var pages = Context.Pages;
        _shell.RunBackground("Load more history", async ct =>
        {
            var records = await _shell.Services.History.QueryAsync(next, ct).ConfigureAwait(false);
            _shell.Post(() =>
            {
                if (Context.Query != query || Context.Pages != pages) return; // the query changed meanwhile
                Context.AppendPage(records);
                _shell.SetMessage(records.Count == 0 ? "No more history." : $"History: {Context.List.Items.Count} records loaded.");
                _view.SetNeedsDraw();
            });
        });
    }

    private void ApplyQueryFilter(string text)
    {
        if (Context.ApplyFilter(text) is { } error) { _shell.SetMessage(error, error: true); return; }
        Reload();
    }

    private void Reload()
    {
        _view.Caption = $"History · {Context.Describe()}";
        _shell.RunBackground("Load the history", RefreshAsync);
    }

    private void Open()
    {
        if (Context.List.Selected is not { } selected) return;
        _shell.RunBackground($"Open history record {selected.Id}", async ct =>
        {
            var r = await _shell.Services.History.GetAsync(selected.Id, ct).ConfigureAwait(false) ?? selected;
            _shell.Post(() => _shell.ShowText($"Action {r.Id} · {r.Type}", RecordLines(r)));
        });
    }

    public static IReadOnlyList<string> RecordLines(ActionRecord r)
    {
        var lines = new List<string>
        {
            $"Type:    {r.Type}",
            $"User:    {r.User}",
            $"Server:  {r.Server ?? "-"}   Stack: {r.Stack ?? "-"}   Target: {r.Target ?? "-"}",
            $"Start:   {r.Start:u}   End: {r.End?.ToString("u") ?? "running"}",
            $"Result:  {(r.Success is null ? "running" : r.Success.Value ? "success" : "FAILED")}",
        };
        if (r.Error is not null) lines.Add($"Error:   {r.Error}");
        lines.AddRange(r.Parameters.Select(kv => $"Param:   {kv.Key}={kv.Value}"));
        lines.AddRange(r.Result.Select(kv => $"Fact:    {kv.Key}={kv.Value}"));
        lines.Add("Output:");
        lines.AddRange(r.Output.Replace("\r\n", "\n").Split('\n'));
        return lines;
    }
}
