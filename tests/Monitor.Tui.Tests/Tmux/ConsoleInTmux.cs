using Docker.DotNet;
using Docker.DotNet.Models;
using Monitor.Control.Cli;
using Monitor.TestSupport;

namespace Monitor.Tui.Tests.Tmux;

/// <summary>The real built `monitor` in tmux, against a real in-process agent and real containers.</summary>
internal sealed class ConsoleInTmux : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<string> _containers = [];
    private TestAgent _agent = null!;
    public TmuxSession Screen { get; private set; } = null!;
    public DockerClient Docker { get; } = new DockerClientBuilder().WithEndpoint(new Uri("unix:///var/run/docker.sock")).Build();
    public string ConfigPath => _dir.File("monitor.toml");

    public static Task<ConsoleInTmux> StartAsync(params string[][] containers) => StartWithArgumentsAsync([], containers);

    /// <summary>The console to run: MONITOR_TEST_EXECUTABLE (e.g. the published one) when set, else `dotnet monitor.dll`.</summary>
    private string? _executable = Environment.GetEnvironmentVariable("MONITOR_TEST_EXECUTABLE") is { Length: > 0 } e ? e : null;

    /// <summary>Like <see cref="StartAsync"/>, with extra arguments for `monitor` (e.g. --read-only).</summary>
    public static async Task<ConsoleInTmux> StartWithArgumentsAsync(IReadOnlyList<string> consoleArguments, params string[][] containers)
    {
        var console = new ConsoleInTmux();
        try
        {
            await console.StartInsideAsync(consoleArguments, containers);
            return console;
        }
        catch
        {
            await console.DisposeAsync();
            throw;
        }
    }

    private async Task StartInsideAsync(IReadOnlyList<string> consoleArguments, string[][] containers)
    {
        foreach (var command in containers) await RunContainerAsync(command);
        Assert.Equal(0, await CliApp.RunAsync(["--config", ConfigPath, "init"], new StringWriter(), new StringWriter()));
        _agent = await TestAgent.StartAsync();
        await File.AppendAllTextAsync(_agent.Config.AuthorizedKeys, File.ReadAllLines(_dir.File("console_key.pem.pub"))[0] + "\n");
        Assert.Equal(0, await CliApp.RunAsync(["--config", ConfigPath, "server", "add", "local", "--url", _agent.Url.ToString().TrimEnd('/')],
            new StringWriter(), new StringWriter()));
        var dll = Path.Combine(RepoRoot(), "console", "bin", "Debug", "net10.0", "monitor.dll");
        Assert.True(_executable is not null || File.Exists(dll), $"build the solution first: {dll} is missing");
        var run = _executable ?? $"dotnet {dll}";
        // The headless tests in this process set DisableRealDriverIO; the real console in tmux must not inherit it.
        Screen = TmuxSession.Start($"env -u DisableRealDriverIO {run} --config {ConfigPath}{string.Concat(consoleArguments.Select(a => " " + a))}");
        await Screen.WaitForAsync(s => s.Contains("servers 1/1 online", StringComparison.Ordinal), "the console to show the agent online");
    }

    public IReadOnlyList<string> Containers => _containers;

    /// <summary>Creates and starts a busybox container (removed on dispose); returns its name.</summary>
    public async Task<string> RunContainerAsync(string[] command, string? name = null)
    {
        name ??= $"mt-tui-{Guid.NewGuid().ToString("N")[..8]}";
        var created = await Docker.Containers.CreateContainerAsync(new CreateContainerParameters { Name = name, Image = TestImages.Busybox, Cmd = command });
        _containers.Add(name);
        await Docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        return name;
    }

    /// <summary>Focuses the Containers pane and filters it down to one container, which is then selected.</summary>
    public async Task SelectContainerAsync(string name)
    {
        Screen.Send("3");
        Screen.Send("/");
        Screen.Send(name, literal: true);
        Screen.Send("Enter");
        await Screen.WaitForAsync(s => s.Contains(name[..12], StringComparison.Ordinal), $"container {name} listed");
    }

    /// <summary>Presses Enter on the selected container until the Logs pane has the focus (under load a key can land
    /// while the list is being rebuilt), as a person would press it again.</summary>
    public async Task FollowSelectedAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            Screen.Send("Enter");
            try { await Screen.WaitForAsync(s => EndToEnd.ScreenText.Focused(s, "Logs"), "the Logs pane following the container", seconds: 10); return; }
            catch (Xunit.Sdk.XunitException) when (attempt < 4) { }
        }
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Monitor.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Monitor.sln not found above the test binaries");
    }

    public async ValueTask DisposeAsync()
    {
        Screen?.Dispose();
        foreach (var name in _containers)
        {
            try { await Docker.Containers.RemoveContainerAsync(name, new ContainerRemoveParameters { Force = true }); }
            catch (DockerContainerNotFoundException) { }
        }
        if (_agent is not null) await _agent.DisposeAsync();
        Docker.Dispose();
        _dir.Dispose();
    }
}
