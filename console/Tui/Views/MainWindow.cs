using Monitor.Control.Composition;
using Monitor.Control.Tui.Contexts;
using Monitor.Control.Tui.Input;
using Monitor.Control.Tui.Panes;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Monitor.Control.Tui.Views;

/// <summary>
/// The main screen: header, five panes, status line. Routes keys (overlay, then prompt, then global keys, then the
/// focused pane's table), owns the prompt line and overlays, and runs the refresh and log-flush timers while running.
/// </summary>
public sealed class MainWindow : Runnable, IShell
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(50);
    private readonly IApplication _app;
    private readonly CancellationTokenSource _life = new();
    private readonly OverlayView _overlay = new();
    private readonly List<IPaneController> _panes;
    private readonly Stack<PaneId> _back = new();
    private readonly TextLineView _header;
    private readonly TextLineView _status;
    private PromptState? _prompt;
    private Action? _onConfirm;
    private Func<string, bool>? _overlayKeys;
    private string? _message;
    private bool _messageIsError;
    private bool _zoomed;
    private object? _flushTimer;
    private object? _refreshTimer;
    private StoreChangeFeed? _storeFeed;

    public MainWindow(IApplication app, MonitorServices services, TuiOptions options)
    {
        _app = app;
        Services = services;
        Options = options;
        Width = Dim.Fill();
        Height = Dim.Fill();
        CanFocus = true;

        Logs = new LogsPane(this);
        Containers = new ContainersPane(this, () => (Servers?.Context.List.Visible.FirstOrDefault(s => s.Online) ?? Servers?.Context.List.Selected)?.Name, (server, names) => { Logs.Follow(server, names); FocusPane(PaneId.Logs, remember: true); });
        Servers = new ServersPane(this, name => { Containers.ShowServer(name); FocusPane(PaneId.Containers, remember: true); }, Logs);
        Stacks = new StacksPane(this, (stack, server) => { Containers.ShowStack(stack, server); FocusPane(PaneId.Containers, remember: true); }, Logs);
        History = new HistoryPane(this);
        Alerts = new AlertsView(this);
        Search = new LogSearchPane(this);
        _panes = [Servers, Stacks, Containers, Logs, History, Search];

        GlobalKeys = new KeyBindingTable(options.ReadOnly)
            .Add("Tab", "Next pane", () => Cycle(1), inStatusBar: false)
            .Add("Shift+Tab", "Previous pane", () => Cycle(-1), inStatusBar: false)
            .Add("?", "Help", ShowHelp)
            .Add(":", "Command", () => Prompt(":", "", RunCommandLine))
            .Add("/", "Filter", () => Prompt("/", FocusedPane.Filter, text => FocusedPane.SetFilter(text)))
            .Add("Esc", "Back", Back, inStatusBar: false)
            .Add("z", "Zoom", ToggleZoom, inStatusBar: false)
            .Add("1", "Servers", () => FocusPane(PaneId.Servers, true), inStatusBar: false)
            .Add("2", "Stacks", () => FocusPane(PaneId.Stacks, true), inStatusBar: false)
            .Add("3", "Containers", () => FocusPane(PaneId.Containers, true), inStatusBar: false)
            .Add("4", "Logs", () => FocusPane(PaneId.Logs, true), inStatusBar: false)
            .Add("5", "History", () => FocusPane(PaneId.History, true), inStatusBar: false)
            .Add("S", "Search kept logs", () => { FocusPane(PaneId.Search, true); Search.Ask(); }, inStatusBar: false)
            .Add("!", "Alerts", () => Alerts.Show(), inStatusBar: false)
            .Add("q", "Quit", () => _app.RequestStop(this), inStatusBar: false);

        _header = new TextLineView(() => _prompt is not null && _message is not null
            ? (" " + _message, _messageIsError ? Palette.Error : Palette.Bar)
            : (HeaderText(), Palette.Bar)) { X = 0, Y = 0, Width = Dim.Fill(), Height = 1 };
        _status = new TextLineView(StatusContent) { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill(), Height = 1 };
        Add(_header);
        foreach (var p in _panes) Add(p.View);
        LayOutPanes();
        Add(_status);
        _overlay.X = Pos.Center();
        _overlay.Y = 1;
        _overlay.Width = Dim.Percent(96);
        _overlay.Height = Dim.Fill(1);
        Add(_overlay);
        FocusPane(PaneId.Servers, remember: false);
        IsRunningChanged += (_, e) => { if (e.Value) StartTimers(); else StopTimers(); };
    }

    public MonitorServices Services { get; }
    public TuiOptions Options { get; }
    public Monitor.Shared.Protocol.AgentRole? KeyRoleOn(string server) => Fleet.KeyRoleGate.Parse(Servers?.Context.List.Items.FirstOrDefault(r => r.Name == server)?.KeyRole);
    public ServersPane Servers { get; }
    public StacksPane Stacks { get; }
    public ContainersPane Containers { get; }
    public LogsPane Logs { get; }
    public HistoryPane History { get; }
    public LogSearchPane Search { get; }
    public AlertsView Alerts { get; }
    public KeyBindingTable GlobalKeys { get; }
    public PaneId Focused { get; private set; }
    public bool OverlayVisible => _overlay.Visible;
    public bool PromptActive => _prompt is not null;
    public string? Message => _message;
    private IPaneController FocusedPane => _panes.First(p => p.Id == Focused);

    /// <summary>Refreshes every pane once (awaitable: tests and start-up use it).</summary>
    public Task RefreshAllAsync(CancellationToken ct = default) =>
        Task.WhenAll(_panes.Select(p => SafeAsync($"Refresh {p.Title}", p.RefreshAsync, ct)).Append(SafeAsync("Refresh alerts", Alerts.RefreshAsync, ct)));

    /// <summary>Handles one key the way the running TUI does (also used by tests through injected keys).</summary>
    protected override bool OnKeyDown(Key key)
    {
        var name = KeyNames.From(key);
        if (_overlay.Visible) return OverlayKey(name);
        if (_prompt is not null) return PromptKey(key, name);
        if (_message is not null) { _message = null; _status.SetNeedsDraw(); }
        var handled = GlobalKeys.TryHandle(name) || FocusedPane.Bindings.TryHandle(name);
        // Only what a key can change: the focused pane (its bindings mark their own views too) and the two bars.
        // Keys that move the focus or the layout redraw everything themselves (Redraw).
        if (handled) { FocusedPane.View.SetNeedsDraw(); _header.SetNeedsDraw(); _status.SetNeedsDraw(); }
        return handled || name is "Tab" or "Shift+Tab" or "Esc";
    }

    public void Confirm(string question, Action onYes)
    {
        _onConfirm = onYes;
        _overlay.Show("Confirm", ["", "  " + question, "", "  y = yes    any other key = no"]);
    }

    public void Prompt(string label, string initial, Action<string> onSubmit)
    {
        _prompt = new PromptState(label, initial, onSubmit);
        _status.SetNeedsDraw();
    }

    public void ShowText(string title, IReadOnlyList<string> lines)
    {
        _onConfirm = null;
        _overlayKeys = null;
        _overlay.Show(title + "  (Esc to close, ↑↓ to scroll)", lines);
    }

    public void ShowText(string title, IReadOnlyList<string> lines, Func<string, bool> keys)
    {
        ShowText(title, lines);
        _overlayKeys = keys;
    }

    public void SetMessage(string message, bool error = false)
    {
        _message = message;
        _messageIsError = error;
        _status.SetNeedsDraw();
    }

    public void Focus(PaneId pane) => FocusPane(pane, remember: true);

    public void Redraw()
    {
        _header.SetNeedsDraw();
        _status.SetNeedsDraw();
        SetNeedsDraw();
    }

    public void RedrawHeader() => _header.SetNeedsDraw();

    public void RunBackground(string what, Func<CancellationToken, Task> work) =>
        _ = Task.Run(() => SafeAsync(what, work, _life.Token));

    /// <summary>The exec the operator asked for; TuiEntry runs it after this window stops, then reopens the TUI.</summary>
    public (string Server, string Container)? PendingExec { get; private set; }

    public void RequestExec(string server, string container)
    {
        PendingExec = (server, container);
        _app.RequestStop(this);
    }

    public void Post(Action action)
    {
        if (_life.IsCancellationRequested) return;
        _app.Invoke(action);
    }

    /// <summary>Runs one <c>:</c> command.</summary>
    public void RunCommandLine(string text)
    {
        var jump = CommandLine.Parse(text);
        if (jump.Error is not null) { SetMessage(jump.Error, error: true); return; }
        if (jump.Quit) { _app.RequestStop(this); return; }
        var pane = _panes.First(p => p.Id == jump.Pane);
        FocusPane(pane.Id, remember: true);
        if (jump.Argument is not null) pane.Jump(jump.Argument);
        else if (pane.Id == PaneId.History) pane.Jump("");
    }

    public void StartTimers()
    {
        _flushTimer ??= _app.AddTimeout(FlushInterval, () => { Logs.FlushPending(); return true; });
        _storeFeed ??= StoreChangeFeed.Start(this);
        _refreshTimer ??= _app.AddTimeout(Options.RefreshInterval, () =>
        {
            RunBackground("Refresh", RefreshPeriodicAsync);
            return true;
        });
    }

    /// <summary>What the refresh timer reloads: every list pane, the history too (so actions done here, by other
    /// consoles or by `monitor serve` appear as they happen). The Logs pane streams on its own.</summary>
    public Task RefreshPeriodicAsync(CancellationToken ct) =>
        Task.WhenAll(Servers.RefreshAsync(ct), Containers.RefreshAsync(ct), Stacks.RefreshAsync(ct), History.RefreshAsync(ct), Alerts.RefreshAsync(ct));

    public void StopTimers()
    {
        if (_flushTimer is not null) _app.RemoveTimeout(_flushTimer);
        if (_refreshTimer is not null) _app.RemoveTimeout(_refreshTimer);
        _flushTimer = _refreshTimer = null;
        _storeFeed?.Dispose();
        _storeFeed = null;
    }

    /// <summary>The header, the panes and the status line cover every cell: nothing to clear beneath them.</summary>
    protected override bool OnClearingViewport() => true;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _life.Cancel();
            Logs.StopStreams();
            _life.Dispose();
        }
        base.Dispose(disposing);
    }

    private async Task SafeAsync(string what, Func<CancellationToken, Task> work, CancellationToken ct)
    {
        try
        {
            await work(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested || _life.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Post(() => SetMessage(ErrorText.For(what, e), error: true));
        }
    }

    private string HeaderText()
    {
        var ro = Options.ReadOnly ? " │ READ-ONLY" : "";
        return $" Monitor{Alerts.HeaderText} │ store: {Services.StoreDescription} │ user: {Services.User} │ servers {Servers.Context.Online}/{Servers.Context.Total} online{ro} │ {FocusedPane.Title}";
    }

    private (string, Terminal.Gui.Drawing.Attribute) StatusContent()
    {
        if (_prompt is not null) return ($"{_prompt.Label}{(_prompt.Label.Length > 1 ? ": " : "")}{_prompt.Text}▌", Palette.Normal);
        if (_message is not null) return (" " + _message, _messageIsError ? Palette.Error : Palette.Bar);
        return (" " + GlobalKeys.StatusText() + " │ " + FocusedPane.Bindings.StatusText(), Palette.Bar);
    }

    private bool OverlayKey(string name)
    {
        if (_onConfirm is { } yes)
        {
            _onConfirm = null;
            _overlay.Hide();
            if (name is "y" or "Y") yes(); else SetMessage("Cancelled.");
            return true;
        }
        if (_overlayKeys?.Invoke(name) == true)
        {
            if (_prompt is not null) _overlay.Hide(); // the view asked for a line of input: the prompt takes the keys
            SetNeedsDraw();
            return true;
        }
        switch (name)
        {
            case "Up" or "k": _overlay.Scroll(-1); break;
            case "Down" or "j": _overlay.Scroll(1); break;
            case "PageUp": _overlay.Scroll(-10); break;
            case "PageDown" or "Space": _overlay.Scroll(10); break;
            case "Esc" or "q" or "Enter": _overlay.Hide(); SetNeedsDraw(); break;
        }
        return true;
    }

    private bool PromptKey(Key key, string name)
    {
        var p = _prompt!;
        switch (name)
        {
            case "Esc": _prompt = null; _message = null; break;
            case "Enter": _prompt = null; _message = null; p.OnSubmit(p.Text.Trim()); break;
            case "Backspace": if (p.Text.Length > 0) p.Text = p.Text[..^1]; break;
            default:
                if (KeyNames.Printable(key) is { } ch) p.Text += ch;
                break;
        }
        Redraw();
        return true;
    }

    private void Cycle(int delta)
    {
        var cycle = _panes.Where(p => p.Id != PaneId.Search).ToList(); // Search opens with S and closes with Esc
        var i = Math.Max(0, cycle.FindIndex(p => p.Id == Focused));
        FocusPane(cycle[(i + delta + cycle.Count) % cycle.Count].Id, remember: false);
    }

    private void FocusPane(PaneId id, bool remember)
    {
        if (remember && id != Focused) _back.Push(Focused);
        var searchShownOrHidden = (id == PaneId.Search) != (Focused == PaneId.Search);
        Focused = id;
        foreach (var p in _panes) ((PaneView)p.View).Active = p.Id == id;
        if (_zoomed || searchShownOrHidden) LayOutPanes();
        Redraw();
    }

    private void Back()
    {
        if (FocusedPane.Filter.Length > 0) { FocusedPane.SetFilter(""); return; }
        if (_zoomed) { ToggleZoom(); return; }
        if (_back.Count > 0) FocusPane(_back.Pop(), remember: false);
    }

    private void ToggleZoom()
    {
        _zoomed = !_zoomed;
        LayOutPanes();
        Redraw();
    }

    /// <summary>80×24: left column Servers / Stacks / History, right column Containers / Logs. Zoom: focused pane only.</summary>
    private void LayOutPanes()
    {
        foreach (var p in _panes)
        {
            var v = p.View;
            var zoomed = _zoomed || Focused == PaneId.Search; // the search results take the whole screen
            v.Visible = (!zoomed && p.Id != PaneId.Search) || p.Id == Focused;
            if (zoomed) { v.X = 0; v.Y = 1; v.Width = Dim.Fill(); v.Height = Dim.Fill(1); continue; }
            switch (p.Id)
            {
                case PaneId.Servers: v.X = 0; v.Y = 1; v.Width = Dim.Percent(45); v.Height = Dim.Percent(30); break;
                case PaneId.Stacks: v.X = 0; v.Y = Pos.Bottom(Servers.View); v.Width = Dim.Percent(45); v.Height = Dim.Percent(25); break;
                case PaneId.History: v.X = 0; v.Y = Pos.Bottom(Stacks.View); v.Width = Dim.Percent(45); v.Height = Dim.Fill(1); break;
                case PaneId.Containers: v.X = Pos.Right(Servers.View); v.Y = 1; v.Width = Dim.Fill(); v.Height = Dim.Percent(40); break;
                case PaneId.Logs: v.X = Pos.Right(Servers.View); v.Y = Pos.Bottom(Containers.View); v.Width = Dim.Fill(); v.Height = Dim.Fill(1); break;
            }
        }
        SetNeedsLayout();
    }

    private void ShowHelp()
    {
        var lines = new List<string> { $"{FocusedPane.Title} keys:" };
        lines.AddRange(FocusedPane.Bindings.HelpLines());
        lines.Add("");
        lines.Add("Everywhere:");
        lines.AddRange(GlobalKeys.HelpLines());
        lines.Add("");
        lines.Add("Commands: " + CommandLine.Usage);
        if (Options.ReadOnly) lines.Add("Read-only mode: keys that change state are hidden.");
        ShowText("Help", lines);
    }

    private sealed class PromptState(string label, string text, Action<string> onSubmit)
    {
        public string Label { get; } = label;
        public string Text { get; set; } = text;
        public Action<string> OnSubmit { get; } = onSubmit;
    }
}
