using System.Text;
using Monitor.Shared.Security;

namespace Monitor.Shared.Tests.Security;

public class AuthChallengeTests
{
    [Fact]
    public void Message_contains_domain_version_connection_and_nonce()
    {
        var text = Encoding.UTF8.GetString(AuthChallenge.BuildMessage("bm9uY2U=", "conn-7", 1));

        Assert.Equal($"{AuthChallenge.Domain}\n1\nconn-7\nbm9uY2U=", text);
    }

    [Fact]
    public void Message_is_the_same_for_the_same_inputs()
    {
        Assert.Equal(AuthChallenge.BuildMessage("n", "c", 1), AuthChallenge.BuildMessage("n", "c", 1));
    }

    [Fact]
    public void A_different_nonce_gives_a_different_message()
    {
        Assert.NotEqual(AuthChallenge.BuildMessage("nonce-a", "c", 1), AuthChallenge.BuildMessage("nonce-b", "c", 1));
    }

    [Fact]
    public void A_different_connection_gives_a_different_message()
    {
        Assert.NotEqual(AuthChallenge.BuildMessage("n", "conn-a", 1), AuthChallenge.BuildMessage("n", "conn-b", 1));
    }

    [Fact]
    public void A_different_protocol_version_gives_a_different_message()
    {
        Assert.NotEqual(AuthChallenge.BuildMessage("n", "c", 1), AuthChallenge.BuildMessage("n", "c", 2));
    }

    [Fact]
    public void A_signature_for_one_connection_does_not_verify_for_another()
    {
        using var key = ConsoleKeyPair.Generate();
        var keys = AuthorizedKeys.Parse(key.PublicKeyLine("ops"), "authorized_keys", out _);
        var signature = key.Sign(AuthChallenge.BuildMessage("nonce", "conn-a", 1));

        Assert.True(keys.Verify(key.PublicKeyBase64, AuthChallenge.BuildMessage("nonce", "conn-a", 1), signature));
        Assert.False(keys.Verify(key.PublicKeyBase64, AuthChallenge.BuildMessage("nonce", "conn-b", 1), signature));
        Assert.False(keys.Verify(key.PublicKeyBase64, AuthChallenge.BuildMessage("other", "conn-a", 1), signature));
    }
}
