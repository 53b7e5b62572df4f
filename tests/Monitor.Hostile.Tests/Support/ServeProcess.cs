using System.Diagnostics;
using Monitor.TestSupport;

namespace Monitor.Hostile.Tests.Support;

/// <summary>The real `monitor serve` (monitor.dll built next to the tests) as a child process: `monitor init`, a
/// monitor.toml with [webhook] and one stack ("web", branch main), `monitor sync`, then `monitor serve`.</summary>
public sealed class ServeProcess : IAsyncDisposable
{
    public const string Secret = "hostile-harness-secret";
    private static readonly string MonitorDll = Path.Combine(AppContext.BaseDirectory, "monitor.dll");
    private readonly TempDirectory _dir;
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private ServeProcess(TempDirectory dir, Process process, int port)
    {
        _dir = dir; _process = process; Port = port;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }
    public string Url(string stack) => $"http://127.0.0.1:{Port}/hooks/{stack}";
    public IReadOnlyList<string> Lines { get { lock (_lines) return [.. _lines]; } }

    public static async Task<ServeProcess> StartAsync()
    {
        var dir = new TempDirectory();
        var config = dir.File("monitor.toml");
        await RunAsync(dir, "--config", config, "init");
        await File.WriteAllTextAsync(dir.File("hook.secret"), Secret);
        var port = FreePort.Next();
        await File.AppendAllTextAsync(config, $"""

            [webhook]
            listen = "127.0.0.1:{port}"
            secret_file = "hook.secret"

            [[servers]]
            name = "local"
            url = "ws://127.0.0.1:1"

            [[stacks]]
            name = "web"
            [stacks.repo]
            url = "/nonexistent/web.git"
            branch = "main"
            [stacks.build]
            server = "local"
            [stacks.deploy]
            targets = ["local"]

            """);
        await RunAsync(dir, "--config", config, "sync");
        var serve = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir.Path };
        foreach (var a in new[] { MonitorDll, "--config", config, "serve" }) serve.ArgumentList.Add(a);
        var process = new ServeProcess(dir, Process.Start(serve)!, port);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!process.Lines.Any(l => l.Contains("listening on", StringComparison.Ordinal)))
        {
            if (process._process.HasExited || DateTime.UtcNow > deadline) throw new InvalidOperationException("monitor serve did not start: " + string.Join('\n', process.Lines));
            await Task.Delay(50);
        }
        return process;
    }

    public bool HasExited => _process.HasExited;

    private static async Task RunAsync(TempDirectory dir, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir.Path };
        start.ArgumentList.Add(MonitorDll);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"monitor {string.Join(' ', args)} exited {process.ExitCode}: {await output}{await error}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _dir.Dispose();
    }
}
