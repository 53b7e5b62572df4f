using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Monitor.Shared.Security;

/// <summary>The pinned identity of an agent's TLS certificate: <c>SHA256:</c> + unpadded base64 of the SHA-256 of the
/// certificate's DER bytes (the form SSH uses for host keys). <see cref="TryNormalize"/> also takes the hex form
/// <c>openssl x509 -noout -fingerprint -sha256</c> prints.</summary>
public static class CertificateFingerprint
{
    public const string Prefix = "SHA256:";

    public static string Of(X509Certificate certificate) => Of(certificate.GetRawCertData());

    public static string Of(byte[] der) => Prefix + Convert.ToBase64String(SHA256.HashData(der)).TrimEnd('=');

    /// <summary>Accepts <c>SHA256:base64</c>, or 64 hex digits with or without colons (optionally prefixed
    /// <c>sha256 Fingerprint=</c>); gives the canonical form.</summary>
    public static bool TryNormalize(string? text, out string fingerprint)
    {
        fingerprint = "";
        if (string.IsNullOrWhiteSpace(text)) return false;
        var value = text.Trim();
        var equals = value.LastIndexOf('=');
        if (value.StartsWith("sha256 Fingerprint=", StringComparison.OrdinalIgnoreCase)) value = value[(equals + 1)..];
        if (value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            var base64 = value[Prefix.Length..].TrimEnd('=');
            var padded = base64 + new string('=', (4 - base64.Length % 4) % 4);
            try
            {
                if (Convert.FromBase64String(padded).Length != 32) return false;
            }
            catch (FormatException) { return false; }
            fingerprint = Prefix + base64;
            return true;
        }
        var hex = value.Replace(":", "", StringComparison.Ordinal);
        if (hex.Length != 64) return false;
        try
        {
            fingerprint = Prefix + Convert.ToBase64String(Convert.FromHexString(hex)).TrimEnd('=');
            return true;
        }
        catch (FormatException) { return false; }
    }
}
