using System.Diagnostics;
using System.Net.Sockets;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests.Support;

/// <summary>A real OpenSSH server of the test's own (its own host key, port and authorized_keys, 127.0.0.1 only)
/// through which git reaches local repositories as ssh://root@127.0.0.1:PORT/path. Stopped by PID on dispose.</summary>
public sealed class SshGitServer : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    private Process? _sshd;

    private SshGitServer() { }

    public int Port { get; private set; }
    /// <summary>Path of the private key the server authorizes.</summary>
    public string ClientKeyFile => _dir.File("client_key");
    /// <summary>Path of a private key the server does not know.</summary>
    public string StrangerKeyFile => _dir.File("stranger_key");

    public string HostPublicKeyFile => _dir.File("host_key.pub");

    public string UrlOf(string repoPath) => $"ssh://root@127.0.0.1:{Port}{repoPath}";

    public static async Task<SshGitServer> StartAsync()
    {
        var server = new SshGitServer();
        try
        {
            await server.StartCoreAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task StartCoreAsync()
    {
        foreach (var key in new[] { "host_key", "client_key", "stranger_key" })
            await RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "monitor-test-" + key, "-f", _dir.File(key));
        File.Copy(_dir.File("client_key.pub"), _dir.File("authorized_keys"));
        Directory.CreateDirectory("/run/sshd"); // sshd's privilege-separation directory
        Port = FreePort.Next();
        await File.WriteAllLinesAsync(_dir.File("sshd_config"),
        [
            $"Port {Port}", "ListenAddress 127.0.0.1", $"HostKey {_dir.File("host_key")}", $"PidFile {_dir.File("sshd.pid")}",
            $"AuthorizedKeysFile {_dir.File("authorized_keys")}", "StrictModes no", "PubkeyAuthentication yes",
            "PasswordAuthentication no", "KbdInteractiveAuthentication no", "PermitRootLogin prohibit-password", "UsePAM no", "AllowUsers root",
        ]);
        var info = new ProcessStartInfo("/usr/sbin/sshd") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-D", "-e", "-f", _dir.File("sshd_config") }) info.ArgumentList.Add(arg);
        _sshd = Process.Start(info)!;
        var log = _sshd.StandardError.ReadToEndAsync();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_sshd.HasExited) throw new InvalidOperationException($"sshd exited: {await log}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) { await Task.Delay(100); }
        }
        throw new InvalidOperationException($"sshd did not listen on 127.0.0.1:{Port}");
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} failed: {error}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_sshd is { HasExited: false })
        {
            _sshd.Kill(entireProcessTree: true);
            await _sshd.WaitForExitAsync();
        }
        _sshd?.Dispose();
        _dir.Dispose();
    }
}
