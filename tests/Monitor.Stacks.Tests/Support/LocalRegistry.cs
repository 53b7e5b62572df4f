using System.Diagnostics;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests.Support;

/// <summary>Debian's docker-registry binary on 127.0.0.1:free-port with filesystem storage in a temp dir; Docker trusts
/// 127.0.0.0/8 registries over plain HTTP.</summary>
public sealed class LocalRegistry : IAsyncDisposable
{
    private readonly TempDirectory _dir;
    private readonly Process _process;

    private LocalRegistry(TempDirectory dir, Process process, int port) { _dir = dir; _process = process; Port = port; }

    public int Port { get; }
    public string Address => $"127.0.0.1:{Port}";

    public static async Task<LocalRegistry> StartAsync()
    {
        var port = FreePort.Next();
        var dir = new TempDirectory();
        var config = dir.File("config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {dir.File("data")}
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{port}
            """);
        var info = new ProcessStartInfo("docker-registry") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add(config);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new LocalRegistry(dir, process, port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try { if ((await http.GetAsync($"http://127.0.0.1:{port}/v2/")).IsSuccessStatusCode) return registry; }
            catch (HttpRequestException) { }
            if (process.HasExited || DateTime.UtcNow > deadline) throw new InvalidOperationException($"docker-registry did not start on port {port}");
            await Task.Delay(100);
        }
    }

    public async Task<string> TagsJsonAsync(string repository)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync($"http://{Address}/v2/{repository}/tags/list");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) { _process.Kill(); await _process.WaitForExitAsync(); }
        _process.Dispose();
        _dir.Dispose();
    }
}
