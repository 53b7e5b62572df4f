using Monitor.Control.Tui.Contexts;
using Monitor.Control.Tui.Input;
using Monitor.Control.Tui.Views;
using Monitor.Shared.Protocol;
using Terminal.Gui.ViewBase;

namespace Monitor.Control.Tui.Panes;

/// <summary>Live tail of containers (or the output of a command or stack operation). Stream readers enqueue on
/// background tasks; the window flushes the queue into the buffer every ~50 ms on the UI thread.</summary>
public sealed class LogsPane : IPaneController
{
    private readonly IShell _shell;
    private readonly LogPaneView _view;
    private CancellationTokenSource? _streams;

    public LogsPane(IShell shell)
    {
        _shell = shell;
        Context = new LogContext(shell.Options.LogBufferLines);
        _view = new LogPaneView(Context) { Caption = Title };
        Bindings = new KeyBindingTable(shell.Options.ReadOnly)
            .Add("f", "Follow", () => { Context.ToggleFollow(); Redraw(); })
            .Add("w", "Wrap", () => { Context.ToggleWrap(); Redraw(); })
            .Add("t", "Time", () => { Context.ToggleTimestamps(); Redraw(); })
            .Add("p", "Pause", () => { Context.TogglePause(); Redraw(); })
            .Add("s", "Search", () => shell.Prompt("Search", Context.Search, text =>
            {
                Context.SetSearch(text);
                if (text.Length > 0 && !Context.FindNext(backwards: true) && !Context.FindNext())
                    shell.SetMessage($"'{text}' is not in the log.");
                Redraw();
            }))
            .Add("n", "Next", () => { if (!Context.FindNext()) shell.SetMessage("No further match."); Redraw(); })
            .Add("N", "Prev", () => { if (!Context.FindNext(backwards: true)) shell.SetMessage("No earlier match."); Redraw(); })
            .Add("Ctrl+S", "Save", Save)
            .Add("c", "Clear", () => { Context.Clear(); Redraw(); }, inStatusBar: false)
            .Add("x", "Stop stream", () => { StopStreams(); shell.SetMessage("Log stream stopped."); }, inStatusBar: false)
            .Add("Up", "Scroll up", () => { Context.Scroll(-1); Redraw(); }, inStatusBar: false)
            .Add("Down", "Scroll down", () => { Context.Scroll(1); Redraw(); }, inStatusBar: false)
            .Add("PageUp", "Page up", () => { Context.Scroll(-PageSize); Redraw(); }, inStatusBar: false)
            .Add("PageDown", "Page down", () => { Context.Scroll(PageSize); Redraw(); }, inStatusBar: false)
            .Add("End", "Newest, follow", () => { Context.ScrollToEnd(); Redraw(); }, inStatusBar: false);
    }

    public LogContext Context { get; }
    public PaneId Id => PaneId.Logs;
    public string Title => "Logs";
    public View View => _view;
    public KeyBindingTable Bindings { get; }
    public string Filter => Context.Filter;
    private int PageSize => Math.Max(1, _view.InnerHeight - 2);

    public void SetFilter(string text) { Context.SetFilter(text); Redraw(); }

    public void Jump(string argument) { }

    public Task RefreshAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>UI thread: moves pending lines into the buffer; returns how many.</summary>
    public int FlushPending(int max = 50_000)
    {
        var n = Context.Flush(max);
        if (n > 0) _view.SetNeedsDraw();
        return n;
    }

    /// <summary>Replaces the pane's content with a live tail of the given containers.</summary>
    public void Follow(string server, IReadOnlyList<string> containers)
    {
        StopStreams();
        Context.Clear();
        Context.ShowSource = containers.Count > 1;
        _view.Caption = $"Logs · {server}/{string.Join(",", containers)}";
        var cts = _streams = new CancellationTokenSource();
        foreach (var container in containers)
        {
            _shell.RunBackground($"Follow the log of {container} on {server}", async ct =>
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, cts.Token);
                var request = new LogStreamRequest(container, Follow: true, Tail: 500);
                await foreach (var batch in _shell.Services.Logs.StreamAsync(server, request, linked.Token).ConfigureAwait(false))
                    Context.Enqueue(container, batch);
            });
        }
        Redraw();
    }

    /// <summary>Shows the output of a command or stack operation (any thread): text is split into lines.</summary>
    public void AppendOutput(string source, string text, string stream = "stdout")
    {
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ");
        foreach (var line in text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n'))
            Context.Enqueue(source, new LogLine(now, stream, line));
    }

    /// <summary>Starts a new output session (command, deploy) in the pane.</summary>
    public void BeginOutput(string title)
    {
        StopStreams();
        Context.Clear();
        Context.ShowSource = false;
        _view.Caption = $"Output · {title}";
        Redraw();
    }

    public void StopStreams()
    {
        _streams?.Cancel();
        _streams?.Dispose();
        _streams = null;
    }

    private void Save()
    {
        var name = $"monitor-log-{DateTime.Now:yyyyMMdd-HHmmss}.log";
        _shell.Prompt("Save log to file", Path.Combine(Environment.CurrentDirectory, name), path =>
            _shell.RunBackground($"Save the log to {path}", async ct =>
            {
                var count = await Context.SaveAsync(path, ct).ConfigureAwait(false);
                _shell.Post(() => _shell.SetMessage($"Saved {count} lines to {path}."));
            }));
    }

    private void Redraw() => _view.SetNeedsDraw();
}
