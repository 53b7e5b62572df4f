using System.Security.Cryptography;

namespace Monitor.Shared.Security;

/// <summary>
/// A console's ECDSA P-256 key pair. The private key is stored as PKCS#8 PEM (file mode 0600);
/// the public key is one authorized-keys line: <c>monitor-ecdsa-p256 BASE64(SubjectPublicKeyInfo) comment</c>.
/// </summary>
public sealed class ConsoleKeyPair : IDisposable
{
    public const string KeyType = "monitor-ecdsa-p256";
    private readonly ECDsa _ecdsa;

    private ConsoleKeyPair(ECDsa ecdsa) => _ecdsa = ecdsa;

    public static ConsoleKeyPair Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    public static ConsoleKeyPair FromPem(string pem)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(pem);
        return new ConsoleKeyPair(ecdsa);
    }

    public static ConsoleKeyPair Load(string path) => FromPem(File.ReadAllText(path));

    public void Save(string privateKeyPath, string comment)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(privateKeyPath))!);
        File.WriteAllText(privateKeyPath, _ecdsa.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(privateKeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(privateKeyPath + ".pub", PublicKeyLine(comment) + "\n");
    }

    /// <summary>Base64 SubjectPublicKeyInfo: the key's identity on the wire.</summary>
    public string PublicKeyBase64 => Convert.ToBase64String(_ecdsa.ExportSubjectPublicKeyInfo());

    public string PublicKeyLine(string comment) => $"{KeyType} {PublicKeyBase64} {comment}".TrimEnd();

    /// <summary>SHA-256 fingerprint of the public key, like ssh-keygen -l prints.</summary>
    public string Fingerprint => KeyFingerprint.Of(PublicKeyBase64);

    public byte[] Sign(byte[] message) => _ecdsa.SignData(message, HashAlgorithmName.SHA256);

    public void Dispose() => _ecdsa.Dispose();
}
