using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Monitor.TestSupport;

/// <summary>
/// A second "host" for SSH bootstrap tests: a network namespace <c>mt-boot-&lt;id&gt;</c> joined to this machine by a
/// veth pair (a random /30 in 10.231.0.0/16: <see cref="HostSideIp"/> here, <see cref="Ip"/> inside) running its OWN
/// sshd (own host key, own authorized_keys listing <see cref="ClientKey"/>, root login by key, SFTP). It shares this
/// machine's filesystem, so tests install under <see cref="Prefix"/>. Disposing kills what it started — the sshd and
/// the agent a bootstrap left under <see cref="Prefix"/> (by its PID files) — and deletes the namespace.
/// The same host for shell scripts: scripts/lib/netns.sh.
/// </summary>
public sealed class NetnsHost : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
    private Process? _sshd;

    private NetnsHost() { }

    public string Name => $"mt-boot-{_id}";
    public string HostSideIp { get; private set; } = "";
    public string Ip { get; private set; } = "";
    /// <summary>Private key (OpenSSH ed25519) that logs in as root.</summary>
    public string ClientKey => _dir.File("client_key");
    /// <summary>Where tests install the agent (--prefix): a directory of this host's (shared) filesystem.</summary>
    public string Prefix => _dir.File("prefix");
    public string Root => _dir.Path;
    public string Login => $"root@{Ip}";
    public string AgentStateDir => Path.Combine(Prefix, "var/lib/monitor-agent");

    public static async Task<NetnsHost> StartAsync(CancellationToken ct = default)
    {
        var host = new NetnsHost();
        try
        {
            var a = RandomNumberGenerator.GetInt32(256);
            var b = RandomNumberGenerator.GetInt32(64) * 4;
            host.HostSideIp = $"10.231.{a}.{b + 1}";
            host.Ip = $"10.231.{a}.{b + 2}";
            string outside = $"mtb{host._id}h", inside = $"mtb{host._id}n";
            await RunAsync(ct, "ip", "netns", "add", host.Name);
            await RunAsync(ct, "ip", "link", "add", outside, "type", "veth", "peer", "name", inside);
            await RunAsync(ct, "ip", "link", "set", inside, "netns", host.Name);
            await RunAsync(ct, "ip", "addr", "add", $"{host.HostSideIp}/30", "dev", outside);
            await RunAsync(ct, "ip", "link", "set", outside, "up");
            await RunAsync(ct, "ip", "netns", "exec", host.Name, "ip", "addr", "add", $"{host.Ip}/30", "dev", inside);
            await RunAsync(ct, "ip", "netns", "exec", host.Name, "ip", "link", "set", inside, "up");
            await RunAsync(ct, "ip", "netns", "exec", host.Name, "ip", "link", "set", "lo", "up");
            await RunAsync(ct, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "mt-boot-client", "-f", host.ClientKey);
            File.Copy(host.ClientKey + ".pub", host._dir.File("authorized_keys"));
            await host.MakeHostKeyAsync(ct);
            await File.WriteAllTextAsync(host._dir.File("sshd_config"), $"""
                Port 22
                ListenAddress {host.Ip}
                HostKey {host._dir.File("host_key")}
                AuthorizedKeysFile {host._dir.File("authorized_keys")}
                PidFile {host._dir.File("sshd.pid")}
                PermitRootLogin prohibit-password
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                UsePAM no
                StrictModes no
                Subsystem sftp internal-sftp

                """, ct);
            Directory.CreateDirectory("/run/sshd");
            await host.StartSshdAsync(ct);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>SHA256:... of the sshd's current host key, as ssh-keygen -l prints it.</summary>
    public async Task<string> HostKeyFingerprintAsync(CancellationToken ct = default) =>
        (await RunAsync(ct, "ssh-keygen", "-l", "-f", _dir.File("host_key.pub"))).Split(' ')[1];

    /// <summary>The host is "reinstalled": sshd restarts with a new host key.</summary>
    public async Task RegenerateHostKeyAsync(CancellationToken ct = default)
    {
        await StopSshdAsync();
        File.Delete(_dir.File("host_key"));
        File.Delete(_dir.File("host_key.pub"));
        await MakeHostKeyAsync(ct);
        await StartSshdAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var file in new[] { "supervisor.pid", "agent.pid" })
        {
            var path = Path.Combine(AgentStateDir, file);
            if (File.Exists(path) && int.TryParse((await File.ReadAllTextAsync(path)).Trim(), out var pid))
                try { using var process = Process.GetProcessById(pid); process.Kill(); await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)); }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or TimeoutException) { }
        }
        await StopSshdAsync();
        try { await RunAsync(CancellationToken.None, "ip", "netns", "del", Name); } catch (InvalidOperationException) { }
        _dir.Dispose();
    }

    private Task MakeHostKeyAsync(CancellationToken ct) =>
        RunAsync(ct, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "mt-boot-host", "-f", _dir.File("host_key"));

    private async Task StartSshdAsync(CancellationToken ct)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "netns", "exec", Name, "/usr/sbin/sshd", "-D", "-e", "-f", _dir.File("sshd_config") }) start.ArgumentList.Add(arg);
        _sshd = Process.Start(start)!;
        _sshd.BeginErrorReadLine();
        _sshd.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(Ip, 22, ct);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_sshd.HasExited) { await Task.Delay(50, ct); }
            catch (SocketException e) { throw new InvalidOperationException($"the sshd of {Name} did not start (exited: {_sshd.HasExited})", e); }
        }
    }

    private async Task StopSshdAsync()
    {
        if (_sshd is null) return;
        try { _sshd.Kill(); await _sshd.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)); }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException) { }
        _sshd.Dispose();
        _sshd = null;
    }

    private static async Task<string> RunAsync(CancellationToken ct, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await error}");
        return await output;
    }
}
