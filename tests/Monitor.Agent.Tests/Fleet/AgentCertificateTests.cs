using System.Net.Security;
using System.Net.Sockets;
using Monitor.Agent.Fleet;
using Monitor.Shared.Config;
using Monitor.Shared.Security;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests.Fleet;

public sealed class AgentCertificateTests
{
    [Fact]
    public async Task The_agent_serves_wss_with_a_certificate_made_at_first_start_and_keeps_it_across_restarts()
    {
        await using var agent = await TestAgent.StartAsync();
        Assert.Equal("wss", agent.Url.Scheme);
        var (certFile, keyFile) = AgentCertificate.Paths(agent.Config);
        Assert.True(File.Exists(certFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.Equal(agent.TlsFingerprint, await PresentedFingerprintAsync(agent.Url));

        var before = agent.TlsFingerprint;
        await agent.RestartAsync();
        Assert.Equal(before, agent.TlsFingerprint);
        Assert.Equal(before, await PresentedFingerprintAsync(agent.Url));
    }

    [Fact]
    public async Task With_tls_off_the_agent_serves_plain_ws()
    {
        await using var agent = await TestAgent.StartAsync(c => c.Tls = false);
        Assert.Equal("ws", agent.Url.Scheme);
        Assert.Null(agent.TlsFingerprint);
        Assert.False(Directory.Exists(Path.Combine(agent.WorkDir, "tls")));
    }

    [Fact]
    public void A_certificate_without_its_key_is_an_error_not_silently_replaced()
    {
        using var dir = new TempDirectory();
        var config = new AgentConfig { WorkDir = dir.Path };
        using (AgentCertificate.LoadOrCreate(config)) { }
        var (_, keyFile) = AgentCertificate.Paths(config);
        File.Delete(keyFile);
        var error = Assert.Throws<ConfigException>(() => AgentCertificate.LoadOrCreate(config));
        Assert.Contains("TLS key is missing", error.Message);
    }

    [Theory]
    [InlineData("sha256 Fingerprint=00:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:11:12:13:14:15:16:17:18:19:1A:1B:1C:1D:1E:1F")]
    [InlineData("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")]
    [InlineData("SHA256:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8")]
    public void Fingerprints_in_openssl_hex_or_ssh_form_normalize_to_the_same_pin(string text)
    {
        Assert.True(CertificateFingerprint.TryNormalize(text, out var pin));
        Assert.Equal("SHA256:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8", pin);
    }

    [Theory]
    [InlineData("SHA256:short")]
    [InlineData("zz")]
    [InlineData("")]
    public void Text_that_is_no_fingerprint_is_refused(string text) => Assert.False(CertificateFingerprint.TryNormalize(text, out _));

    private static async Task<string> PresentedFingerprintAsync(Uri url)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(url.Host, url.Port);
        await using var tls = new SslStream(tcp.GetStream());
        string? seen = null;
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = url.Host,
            RemoteCertificateValidationCallback = (_, c, _, _) => { seen = c is null ? null : CertificateFingerprint.Of(c); return true; },
        });
        return seen!;
    }
}
