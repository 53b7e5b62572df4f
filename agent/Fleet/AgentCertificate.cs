using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Monitor.Shared.Config;
using Monitor.Shared.Security;

namespace Monitor.Agent.Fleet;

/// <summary>The agent's TLS identity: a self-signed ECDSA P-256 certificate made at first start and kept as two PEM
/// files (key mode 0600). Consoles pin it by <see cref="CertificateFingerprint"/>, so its names and lifetime only need
/// to satisfy TLS libraries, not a CA.</summary>
public static class AgentCertificate
{
    public static (string CertFile, string KeyFile) Paths(AgentConfig config)
    {
        var dir = Path.Combine(config.WorkDir, "tls");
        return (string.IsNullOrWhiteSpace(config.TlsCertFile) ? Path.Combine(dir, "agent.crt") : config.TlsCertFile,
            string.IsNullOrWhiteSpace(config.TlsKeyFile) ? Path.Combine(dir, "agent.key") : config.TlsKeyFile);
    }

    /// <summary>Loads the certificate, making it first when neither file exists. One file without the other is an
    /// error (a half-deleted identity must not be silently replaced: every console would then refuse the agent).</summary>
    public static X509Certificate2 LoadOrCreate(AgentConfig config)
    {
        var (certFile, keyFile) = Paths(config);
        var haveCert = File.Exists(certFile);
        var haveKey = File.Exists(keyFile);
        if (haveCert != haveKey)
            throw new ConfigException(haveCert ? keyFile : certFile, 1, 1,
                $"TLS {(haveCert ? "key" : "certificate")} is missing while {(haveCert ? certFile : keyFile)} exists; restore it, or delete both to make a new identity (consoles must then `monitor server trust` it)");
        if (!haveCert)
        {
            try { Create(certFile, keyFile); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ConfigException(certFile, 1, 1, $"cannot write the agent's TLS certificate ({e.Message}); make work_dir writable or set tls_cert_file / tls_key_file");
            }
        }
        try
        {
            return X509Certificate2.CreateFromPemFile(certFile, keyFile);
        }
        catch (CryptographicException e)
        {
            throw new ConfigException(certFile, 1, 1, $"cannot read the TLS certificate/key pair ({e.Message}); fix the files or delete both to make new ones");
        }
    }

    private static void Create(string certFile, string keyFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(certFile))!);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(keyFile))!);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=monitor-agent {Environment.MachineName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(20));

        var keyTemp = keyFile + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(keyTemp, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        File.Move(keyTemp, keyFile, overwrite: true);
        var certTemp = certFile + ".tmp";
        File.WriteAllText(certTemp, certificate.ExportCertificatePem());
        File.Move(certTemp, certFile, overwrite: true);
    }
}
