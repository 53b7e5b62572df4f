using Monitor.Shared.Models;
using Monitor.Shared.Security;
using Monitor.TestSupport;

namespace Monitor.Control.Tests.Fleet;

public sealed class KeyRotationTests
{
    private static string KeyPath(ConsoleHarness console) => Path.Combine(Path.GetDirectoryName(console.ConfigPath)!, "console_key.pem");

    [Fact]
    public async Task Rotate_rolls_the_new_key_out_with_the_same_role_and_name_then_retires_the_old()
    {
        await using var console = await ConsoleHarness.StartAsync();
        await using var second = await TestAgent.StartAsync();
        var oldLine = File.ReadAllLines(KeyPath(console) + ".pub")[0].Split(' ');
        await File.AppendAllTextAsync(second.Config.AuthorizedKeys, $"{oldLine[0]} {oldLine[1]} role=admin name=ops-jump\n");
        Assert.Equal(0, (await console.RunAsync("server", "add", "two", "--url", second.Url.ToString().TrimEnd('/'))).ExitCode);
        var oldFingerprint = KeyFingerprint.Of(oldLine[1]);

        var rotated = await console.RunAsync("key", "rotate");
        Assert.True(rotated.ExitCode == 0, rotated.Error);
        using var newKey = ConsoleKeyPair.Load(KeyPath(console));
        Assert.NotEqual(oldFingerprint, newKey.Fingerprint);
        Assert.Contains($"{oldFingerprint} -> {newKey.Fingerprint}", rotated.Output);
        Assert.True(File.Exists(KeyPath(console) + ".old"));

        var keys = AuthorizedKeys.Load(second.Config.AuthorizedKeys, out _);
        Assert.Null(keys.Find(oldLine[1]));
        var entry = keys.Find(newKey.PublicKeyBase64)!;
        Assert.Equal(("ops-jump", Monitor.Shared.Protocol.AgentRole.Admin), (entry.Name, entry.Role));
        Assert.Null(AuthorizedKeys.Load(console.Agent.Config.AuthorizedKeys, out _).Find(oldLine[1]));

        Assert.Equal(0, (await console.RunAsync("container", "list", "--server", "two")).ExitCode);
        Assert.Equal(0, (await console.RunAsync("container", "list", "--server", "local")).ExitCode);
        var record = (await console.JsonAsync("history", "--type", FleetActionTypes.KeyRotate))[0];
        Assert.True(record.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task An_unreachable_server_stops_the_rotation_and_nothing_changes()
    {
        await using var console = await ConsoleHarness.StartAsync();
        var before = File.ReadAllText(KeyPath(console));
        Assert.Equal(0, (await console.RunAsync("server", "add", "zz-dead", "--url", $"wss://127.0.0.1:{FreePort.Next()}")).ExitCode);

        var rotated = await console.RunAsync("key", "rotate");
        Assert.Equal(1, rotated.ExitCode);
        Assert.Contains("key rotation stopped, nothing changed", rotated.Error);
        Assert.Equal(before, File.ReadAllText(KeyPath(console)));
        Assert.Single(AuthorizedKeys.Load(console.Agent.Config.AuthorizedKeys, out _).Entries, e => e.Role == Monitor.Shared.Protocol.AgentRole.Admin && e.Comment != "test-console");
        Assert.Equal(0, (await console.RunAsync("container", "list", "--server", "local")).ExitCode);
    }
}
