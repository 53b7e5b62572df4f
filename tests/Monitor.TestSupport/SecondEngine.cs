using System.Diagnostics;
using Docker.DotNet;

namespace Monitor.TestSupport;

/// <summary>A second Docker engine on this machine (its own dockerd, data root, exec root and socket under
/// /tmp/mt-eng-ID; no bridge, no iptables), with local/busybox:latest loaded, so a test can run a second server
/// whose container names do not collide with the first. It runs in its own network namespace (mt-eng-ID): a dockerd
/// started with --bridge=none DELETES the docker0 interface of the namespace it runs in, which would break the
/// main engine. Disposing stops only this dockerd (by its PID), unmounts what it left, removes its namespace and
/// directories.</summary>
public sealed class SecondEngine : IAsyncDisposable
{
    private readonly Process _dockerd;

    private readonly string _namespace;

    private SecondEngine(string root, string netns, Process dockerd)
    {
        Root = root; _namespace = netns; _dockerd = dockerd;
    }

    public string Root { get; }

    /// <summary>unix:///tmp/mt-eng-ID/docker.sock (what an agent's docker_socket takes).</summary>
    public string Socket => $"unix://{Root}/docker.sock";

    public DockerClient Client() => new DockerClientConfiguration(new Uri(Socket)).CreateClient();

    public static async Task<SecondEngine> StartAsync()
    {
        var id = $"mt-eng-{Guid.NewGuid().ToString("N")[..8]}";
        var root = $"/tmp/{id}";
        Directory.CreateDirectory(root);
        await RunAsync("ip", "netns", "add", id);
        // nsenter (not `ip netns exec`, which remounts /sys and hides the cgroup mounts dockerd needs) execs dockerd
        // in place: the PID is dockerd's.
        var info = new ProcessStartInfo("nsenter") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { $"--net=/run/netns/{id}", "dockerd", "--data-root", $"{root}/data", "--exec-root", $"{root}/exec", "--pidfile", $"{root}/docker.pid",
                     "-H", $"unix://{root}/docker.sock", "--bridge=none", "--iptables=false", "--ip-masq=false" })
            info.ArgumentList.Add(arg);
        var dockerd = Process.Start(info)!;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        dockerd.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        dockerd.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        dockerd.BeginOutputReadLine();
        dockerd.BeginErrorReadLine();
        var engine = new SecondEngine(root, id, dockerd);
        try
        {
            using var client = engine.Client();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                if (dockerd.HasExited) throw new InvalidOperationException($"the second dockerd exited: {string.Join('\n', log)}");
                try { await client.System.PingAsync(); break; }
                catch (Exception e) when (e is HttpRequestException or IOException or DockerApiException or System.Net.Sockets.SocketException or TimeoutException)
                {
                    if (DateTime.UtcNow > deadline) throw new InvalidOperationException($"the second dockerd did not answer in 60 s: {string.Join('\n', log)}");
                    await Task.Delay(100);
                }
            }
            await LoadAsync(engine, TestImages.Busybox);
            return engine;
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
    }

    /// <summary>Copies an image of the first engine into this one (docker save | docker load).</summary>
    public static async Task LoadAsync(SecondEngine engine, string image)
    {
        var info = new ProcessStartInfo("sh") { RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("docker save \"$1\" | docker -H \"$2\" load >/dev/null");
        info.ArgumentList.Add("sh");
        info.ArgumentList.Add(image);
        info.ArgumentList.Add(engine.Socket);
        using var process = Process.Start(info)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"loading {image} into the second engine failed: {error}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_dockerd.HasExited)
        {
            Process.Start("kill", ["-TERM", _dockerd.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await _dockerd.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { _dockerd.Kill(); await _dockerd.WaitForExitAsync(); }
        }
        _dockerd.Dispose();
        // Mounts dockerd left behind (overlay layers, its exec root), deepest first.
        var mounts = File.ReadAllLines("/proc/mounts").Select(l => l.Split(' ')[1]).Where(m => m.StartsWith(Root + "/", StringComparison.Ordinal))
            .OrderByDescending(m => m.Length);
        foreach (var mount in mounts) Process.Start("umount", ["-l", mount])!.WaitForExit();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        await RunAsync("ip", "netns", "del", _namespace);
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { UseShellExecute = false, RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {error}");
    }
}
