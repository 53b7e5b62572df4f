using Monitor.Control.Composition;
using Monitor.Control.Tui;
using Monitor.Control.Tui.Views;
using Monitor.Tui.Tests.Fakes;
using Monitor.Control.Agents;
using Monitor.Control.Store;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace Monitor.Tui.Tests;

/// <summary>Runs the real <see cref="MainWindow"/> on Terminal.Gui's ANSI driver without terminal I/O
/// (DisableRealDriverIO=1) at 80×24; keys are injected and the rendered screen text is read back.</summary>
public sealed class TuiHarness : IDisposable
{
    private readonly SessionToken? _token;

    public TuiHarness(TuiOptions? options = null, int width = 80, int height = 24)
    {
        Environment.SetEnvironmentVariable("DisableRealDriverIO", "1");
        Services = new MonitorServices
        {
            User = "alice",
            StoreDescription = "sqlite:test.db",
            Store = Unused<IStateStore>.Create(),
            Agents = Unused<IAgentClientFactory>.Create(),
            Servers = ServerService,
            Containers = ContainerService,
            Logs = LogService,
            Commands = CommandService,
            History = HistoryService,
            Docker = DockerService,
            Watch = WatchView,
            LogSearch = LogSearchService,
        };
        App = Application.Create();
        App.Init(DriverRegistry.Names.ANSI);
        App.Driver!.SetScreenSize(width, height);
        Window = new MainWindow(App, Services, (options ?? new TuiOptions()) with { RefreshInterval = TimeSpan.FromHours(1) });
        _token = App.Begin(Window);
    }

    public FakeServerService ServerService { get; } = new();
    public FakeContainerService ContainerService { get; } = new();
    public FakeLogService LogService { get; } = new();
    public FakeCommandService CommandService { get; } = new();
    public FakeHistoryService HistoryService { get; } = new();
    public FakeDockerService DockerService { get; } = new();
    public FakeWatchView WatchView { get; } = new();
    public FakeLogSearchService LogSearchService { get; } = new();
    public MonitorServices Services { get; }
    public IApplication App { get; }
    public MainWindow Window { get; }

    public string Screen
    {
        get
        {
            App.TimedEvents?.RunTimers();
            App.LayoutAndDraw(true);
            return App.Driver!.ToString() ?? "";
        }
    }

    public TuiHarness Press(params Key[] keys)
    {
        foreach (var k in keys) App.InjectKey(k);
        return this;
    }

    public TuiHarness Type(string text)
    {
        foreach (var c in text) App.InjectKey(new Key(c));
        return this;
    }

    public void Refresh() => Window.RefreshAllAsync().GetAwaiter().GetResult();

    /// <summary>Pumps the UI (timers, posted actions, drawing) until the screen satisfies <paramref name="condition"/>.</summary>
    public string WaitFor(Func<string, bool> condition, string what, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        string screen;
        while (!condition(screen = Screen))
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"Timed out waiting for {what}. Screen:\n{screen}");
            Thread.Sleep(5);
        }
        return screen;
    }

    public string WaitForText(string text) => WaitFor(s => s.Contains(text, StringComparison.Ordinal), $"'{text}'");

    public void Dispose()
    {
        if (_token is not null) App.End(_token);
        Window.Dispose();
        App.Dispose();
    }
}
