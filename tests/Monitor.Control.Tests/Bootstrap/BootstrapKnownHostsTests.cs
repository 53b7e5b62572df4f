using System.Diagnostics;
using Monitor.Control.Fleet;
using Monitor.Control.Services;
using Monitor.TestSupport;

namespace Monitor.Control.Tests.Bootstrap;

/// <summary>The bootstrap's reading of OpenSSH known_hosts files (made and hashed by the real ssh-keygen) and of
/// user@host[:port] logins.</summary>
public sealed class BootstrapKnownHostsTests
{
    [Fact]
    public async Task Plain_hashed_port_and_wildcard_entries_are_found_and_a_different_key_of_the_same_type_is_changed()
    {
        using var dir = new TempDirectory();
        var (known, _) = await KeyAsync(dir, "a");
        var (other, otherLine) = await KeyAsync(dir, "b");
        var file = dir.File("known_hosts");
        await File.WriteAllTextAsync(file, $"# comment\n10.1.2.3 {Line(known)}\n[10.1.2.4]:2222 {Line(known)}\n*.example.test,!bad.example.test {Line(known)}\n");
        var hosts = new BootstrapKnownHosts([dir.File("missing"), file]);

        Assert.Equal(HostKeyState.Known, hosts.Check("10.1.2.3", 22, known).State);
        Assert.Equal($"{file}:2", hosts.Check("10.1.2.3", 22, known).Where);
        Assert.Equal(HostKeyState.Known, hosts.Check("10.1.2.4", 2222, known).State);
        Assert.Equal(HostKeyState.Unknown, hosts.Check("10.1.2.4", 22, known).State);
        Assert.Equal(HostKeyState.Known, hosts.Check("web.example.test", 22, known).State);
        Assert.Equal(HostKeyState.Unknown, hosts.Check("bad.example.test", 22, known).State);
        var changed = hosts.Check("10.1.2.3", 22, other);
        Assert.Equal(HostKeyState.Changed, changed.State);
        Assert.Equal(BootstrapKnownHosts.Fingerprint(known), changed.KnownFingerprint);
        Assert.Equal(otherLine.Split(' ')[1], BootstrapKnownHosts.Fingerprint(other));

        // Hashed by ssh-keygen -H: still found, and Append writes what ssh-keygen -F finds.
        await RunAsync("ssh-keygen", "-H", "-f", file);
        Assert.DoesNotContain("10.1.2.3", await File.ReadAllTextAsync(file));
        Assert.Equal(HostKeyState.Known, hosts.Check("10.1.2.3", 22, known).State);
        Assert.Equal(HostKeyState.Known, hosts.Check("10.1.2.4", 2222, known).State);
        Assert.Equal(HostKeyState.Changed, hosts.Check("10.1.2.4", 2222, other).State);
        var own = dir.File("own/known_hosts");
        BootstrapKnownHosts.Append(own, "10.9.9.9", 2200, other);
        Assert.Contains("[10.9.9.9]:2200", await RunAsync("ssh-keygen", "-F", "[10.9.9.9]:2200", "-f", own));
        await File.AppendAllTextAsync(own, $"@revoked 10.9.9.8 {Line(other)}\n");
        Assert.Equal(HostKeyState.Revoked, new BootstrapKnownHosts([own]).Check("10.9.9.8", 22, other).State);
    }

    [Theory]
    [InlineData("root@10.0.0.5", "root", "10.0.0.5", 22)]
    [InlineData("ops@web-01.example:2222", "ops", "web-01.example", 2222)]
    [InlineData("me@[fd00::5]:22", "me", "fd00::5", 22)]
    public void Logins_parse(string text, string user, string host, int port)
    {
        var target = BootstrapTarget.Parse(text);
        Assert.Equal((user, host, port), (target.User, target.Host, target.Port));
    }

    [Theory]
    [InlineData("10.0.0.5")]
    [InlineData("root@")]
    [InlineData("root@host:http")]
    [InlineData("root@host:70000")]
    public void Bad_logins_say_the_expected_form(string text)
    {
        var e = Assert.Throws<OperationFailedException>(() => BootstrapTarget.Parse(text));
        Assert.Contains("user@host", e.Message);
    }

    private static string Line(byte[] blob) => $"{BootstrapKnownHosts.KeyType(blob)} {Convert.ToBase64String(blob)}";

    private static async Task<(byte[] Blob, string Fingerprint)> KeyAsync(TempDirectory dir, string name)
    {
        await RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.File(name));
        var pub = (await File.ReadAllTextAsync(dir.File(name + ".pub"))).Split(' ');
        return (Convert.FromBase64String(pub[1]), await RunAsync("ssh-keygen", "-l", "-f", dir.File(name + ".pub")));
    }

    private static async Task<string> RunAsync(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
        return output;
    }
}
