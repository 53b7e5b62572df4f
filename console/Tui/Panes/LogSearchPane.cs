using Monitor.Control.LogSearch;
using Monitor.Control.Store;
using Monitor.Control.Tui.Contexts;
using Monitor.Control.Tui.Input;
using Monitor.Control.Tui.Views;
using Terminal.Gui.ViewBase;

namespace Monitor.Control.Tui.Panes;

/// <summary>Search over the kept logs (`S` anywhere, or `s` here): a prompt for text or /regex/ (with server=, stack=,
/// level=, since= words), the hits newest first, and Enter to open the lines around a hit, the hit marked with ▶.
/// Shown full-size while focused; Esc goes back.</summary>
public sealed class LogSearchPane : IPaneController
{
    private readonly IShell _shell;
    private readonly ListPaneView<KeptLogLine> _view;
    private LogSearchRequest? _request;

    public LogSearchPane(IShell shell)
    {
        _shell = shell;
        _view = new ListPaneView<KeptLogLine>(List) { Caption = Title, EmptyText = "Press s and type text or /regex/ to search the kept logs." };
        Bindings = new KeyBindingTable(shell.Options.ReadOnly)
            .Add("s", "Search", Ask)
            .Add("Enter", "Context", OpenContext)
            .Add("F5", "Again", () => { if (_request is not null) Run(_request); })
            .AddNavigation(List, _view.SetNeedsDraw, sortable: false);
    }

    public ListContext<KeptLogLine> List { get; } = new(
    [
        new("TIME", 14, l => Format.Time(l.At)),
        new("SERVER", 8, l => l.Server),
        new("SOURCE", 12, l => l.Source),
        new("LVL", 5, l => l.Level ?? "-"),
        new("MESSAGE", 0, l => Shared.Text.TerminalText.Escape(l.Message)),
    ], l => l.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public PaneId Id => PaneId.Search;
    public string Title => "Search";
    public View View => _view;
    public KeyBindingTable Bindings { get; }
    public string Filter => List.Filter;

    public void SetFilter(string text) { List.SetFilter(text); _view.SetNeedsDraw(); }

    public void Jump(string argument) => Submit(argument);

    /// <summary>Nothing to poll: a search runs when asked.</summary>
    public Task RefreshAsync(CancellationToken ct) => Task.CompletedTask;

    public void Ask() => _shell.Prompt("Search kept logs (text or /regex/; server= stack= level= since=)", _request?.Pattern ?? "", Submit);

    private void Submit(string text)
    {
        if (ParseRequest(text) is not { } request) { _shell.SetMessage("Type the text or /regex/ to search for.", error: true); return; }
        Run(request);
    }

    /// <summary>"timeout server=web-1 level=error since=1h" → the request; words with a known key= are filters, the rest the pattern.</summary>
    public static LogSearchRequest? ParseRequest(string text)
    {
        string? server = null, stack = null, level = null, since = null;
        var words = new List<string>();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = word.IndexOf('=');
            var key = eq > 0 ? word[..eq] : "";
            var value = eq > 0 ? word[(eq + 1)..] : "";
            switch (key)
            {
                case "server": server = value; break;
                case "stack": stack = value; break;
                case "level": level = value; break;
                case "since": since = value; break;
                default: words.Add(word); break;
            }
        }
        return words.Count == 0 ? null : new LogSearchRequest(string.Join(' ', words), server, stack, level, since, Limit: 500);
    }

    private void Run(LogSearchRequest request)
    {
        _request = request;
        if (_shell.Services.LogSearch is not { } search) { _shell.SetMessage("This console has no log search (no store).", error: true); return; }
        _view.Caption = $"Search · {request.Pattern} · searching…";
        _shell.Redraw();
        _shell.RunBackground("Search the kept logs", async ct =>
        {
            var result = await search.SearchAsync(request, ct).ConfigureAwait(false);
            _shell.Post(() =>
            {
                if (_request != request) return;
                List.SetItems(result.Lines);
                List.Select(0);
                _view.Caption = $"Search · {request.Pattern} · {result.Lines.Count} hits" + (result.Complete ? "" : $" (stopped after {result.Scanned} candidates)");
                if (result.Lines.Count == 0) _shell.SetMessage("No kept line matches; are the logs kept? ([logs] keep in monitor.toml, shipped by `monitor serve`)");
                _shell.Redraw();
            });
        });
    }

    private void OpenContext()
    {
        if (List.Selected is not { } hit || _shell.Services.LogSearch is not { } search) return;
        _shell.RunBackground("Open the lines around the hit", async ct =>
        {
            var lines = await search.ContextAsync(hit.Id, 20, 20, ct).ConfigureAwait(false);
            _shell.Post(() => _shell.ShowText($"{hit.Server}/{hit.Source} around {Format.Time(hit.At)}", lines.Select(l =>
                $"{(l.Id == hit.Id ? "▶" : " ")} {Format.Time(l.At)} {(l.Level ?? "-"),-5} {Shared.Text.TerminalText.Escape(l.Message)}").ToList()));
        });
    }
}
