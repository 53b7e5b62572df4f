using Monitor.Shared.Security;

namespace Monitor.Shared.Tests.Security;

public class AuthorizedKeysTests
{
    [Fact]
    public void Comments_and_blank_lines_are_ignored()
    {
        using var key = ConsoleKeyPair.Generate();
        var text = $"# consoles allowed in\n\n   \n\t# {ConsoleKeyPair.KeyType} not-a-key commented out\n{key.PublicKeyLine("ops@jump")}\n\n";

        var keys = AuthorizedKeys.Parse(text, "authorized_keys", out var problems);

        Assert.Empty(problems);
        Assert.Equal(1, keys.Count);
        Assert.True(keys.Contains(key.PublicKeyBase64));
    }

    [Fact]
    public void Several_keys_are_each_accepted()
    {
        using var a = ConsoleKeyPair.Generate();
        using var b = ConsoleKeyPair.Generate();

        var keys = AuthorizedKeys.Parse($"{a.PublicKeyLine("a")}\r\n{b.PublicKeyLine("")}\r\n", "authorized_keys", out var problems);

        Assert.Empty(problems);
        Assert.Equal(2, keys.Count);
        Assert.True(keys.Contains(a.PublicKeyBase64));
        Assert.True(keys.Contains(b.PublicKeyBase64));
    }

    [Fact]
    public void A_line_with_a_bad_key_is_reported_with_file_and_line()
    {
        using var good = ConsoleKeyPair.Generate();
        var text = $"# header\n{good.PublicKeyLine("good")}\n{ConsoleKeyPair.KeyType} AAAAnotakey== broken\n";

        var keys = AuthorizedKeys.Parse(text, "/etc/monitor-agent/authorized_keys", out var problems);

        var problem = Assert.Single(problems);
        Assert.StartsWith("/etc/monitor-agent/authorized_keys:3: ", problem);
        Assert.Contains("monitor init", problem);
        Assert.Equal(1, keys.Count);
        Assert.True(keys.Contains(good.PublicKeyBase64));
    }

    [Fact]
    public void A_line_of_the_wrong_key_type_is_reported_with_file_and_line()
    {
        var text = "\n\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHRlc3Q= ops@laptop\n";

        var keys = AuthorizedKeys.Parse(text, "keys.txt", out var problems);

        Assert.StartsWith("keys.txt:3: expected ", Assert.Single(problems));
        Assert.Equal(0, keys.Count);
    }

    [Fact]
    public void A_key_of_another_curve_is_rejected()
    {
        using var p384 = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);
        var line = $"{ConsoleKeyPair.KeyType} {Convert.ToBase64String(p384.ExportSubjectPublicKeyInfo())} p384";

        var keys = AuthorizedKeys.Parse(line, "authorized_keys", out var problems);

        Assert.StartsWith("authorized_keys:1: ", Assert.Single(problems));
        Assert.Equal(0, keys.Count);
    }

    [Fact]
    public void Load_reads_a_file_and_names_it_in_problems()
    {
        using var dir = new ScratchDirectory();
        using var key = ConsoleKeyPair.Generate();
        var path = dir.File("authorized_keys");
        File.WriteAllText(path, $"{key.PublicKeyLine("ops")}\ngarbage\n");

        var keys = AuthorizedKeys.Load(path, out var problems);

        Assert.True(keys.Contains(key.PublicKeyLine("ops")));
        Assert.Equal($"{path}:2: ", Assert.Single(problems)[..(path.Length + 4)]);
    }

    [Fact]
    public void Load_of_a_missing_file_allows_no_one()
    {
        using var dir = new ScratchDirectory();
        using var key = ConsoleKeyPair.Generate();

        var keys = AuthorizedKeys.Load(dir.File("absent"), out var problems);

        Assert.Empty(problems);
        Assert.Equal(0, keys.Count);
        Assert.False(keys.Verify(key.PublicKeyBase64, [1], key.Sign([1])));
    }
}
