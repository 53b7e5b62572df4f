using System.Text;
using Monitor.Shared.Security;

namespace Monitor.Shared.Tests.Security;

public class ConsoleKeyPairTests
{
    private static readonly byte[] Message = Encoding.UTF8.GetBytes("monitor-agent-auth-v1\n1\nconn\nnonce");

    private static AuthorizedKeys Authorize(params ConsoleKeyPair[] keys) =>
        AuthorizedKeys.Parse(string.Join('\n', keys.Select(k => k.PublicKeyLine("ops@jump"))), "authorized_keys", out _);

    [Fact]
    public void Public_key_line_has_type_key_and_comment()
    {
        using var key = ConsoleKeyPair.Generate();

        var parts = key.PublicKeyLine("ops@jump").Split(' ');

        Assert.Equal([ConsoleKeyPair.KeyType, key.PublicKeyBase64, "ops@jump"], parts);
        Assert.Equal($"{ConsoleKeyPair.KeyType} {key.PublicKeyBase64}", key.PublicKeyLine(""));
    }

    [Fact]
    public void Fingerprint_is_sha256_of_the_public_key()
    {
        using var key = ConsoleKeyPair.Generate();
        var expected = "SHA256:" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Convert.FromBase64String(key.PublicKeyBase64))).TrimEnd('=');

        Assert.Equal(expected, key.Fingerprint);
        Assert.StartsWith("SHA256:", key.Fingerprint);
    }

    [Fact]
    public void Signature_verifies_with_the_authorized_public_key()
    {
        using var key = ConsoleKeyPair.Generate();

        var signature = key.Sign(Message);

        Assert.True(Authorize(key).Verify(key.PublicKeyBase64, Message, signature));
    }

    [Fact]
    public void Whole_authorized_keys_line_is_accepted_as_the_public_key()
    {
        using var key = ConsoleKeyPair.Generate();
        var keys = Authorize(key);

        Assert.True(keys.Contains(key.PublicKeyLine("anything")));
        Assert.True(keys.Verify(key.PublicKeyLine("anything"), Message, key.Sign(Message)));
    }

    [Fact]
    public void Signature_of_another_key_is_rejected()
    {
        using var authorized = ConsoleKeyPair.Generate();
        using var intruder = ConsoleKeyPair.Generate();
        var keys = Authorize(authorized);

        Assert.False(keys.Verify(authorized.PublicKeyBase64, Message, intruder.Sign(Message)));
        Assert.False(keys.Verify(intruder.PublicKeyBase64, Message, intruder.Sign(Message)));
        Assert.False(keys.Contains(intruder.PublicKeyBase64));
    }

    [Fact]
    public void Tampered_message_is_rejected()
    {
        using var key = ConsoleKeyPair.Generate();
        var signature = key.Sign(Message);
        var tampered = (byte[])Message.Clone();
        tampered[^1] ^= 0x01;

        Assert.False(Authorize(key).Verify(key.PublicKeyBase64, tampered, signature));
    }

    [Fact]
    public void Tampered_or_garbage_signature_is_rejected_without_throwing()
    {
        using var key = ConsoleKeyPair.Generate();
        var signature = key.Sign(Message);
        signature[5] ^= 0xFF;
        var keys = Authorize(key);

        Assert.False(keys.Verify(key.PublicKeyBase64, Message, signature));
        Assert.False(keys.Verify(key.PublicKeyBase64, Message, []));
        Assert.False(keys.Verify(key.PublicKeyBase64, Message, [1, 2, 3]));
    }

    [Fact]
    public void Saved_key_loads_back_and_signs_for_the_same_public_key()
    {
        using var dir = new ScratchDirectory();
        var path = dir.File("keys/console_key.pem");
        using var original = ConsoleKeyPair.Generate();

        original.Save(path, "ops@jump");
        using var loaded = ConsoleKeyPair.Load(path);

        Assert.Equal(original.PublicKeyBase64, loaded.PublicKeyBase64);
        Assert.True(Authorize(original).Verify(original.PublicKeyBase64, Message, loaded.Sign(Message)));
        Assert.Equal(original.PublicKeyLine("ops@jump") + "\n", File.ReadAllText(path + ".pub"));
    }

    [Fact]
    public void Private_key_file_is_saved_readable_by_the_owner_only()
    {
        using var dir = new ScratchDirectory();
        var path = dir.File("console_key.pem");
        using var key = ConsoleKeyPair.Generate();

        key.Save(path, "ops");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Contains("PRIVATE KEY", File.ReadAllText(path));
        Assert.DoesNotContain("PRIVATE", File.ReadAllText(path + ".pub"));
    }
}
