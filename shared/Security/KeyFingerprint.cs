using System.Security.Cryptography;

namespace Monitor.Shared.Security;

public static class KeyFingerprint
{
    public static string Of(string publicKeyBase64) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(Convert.FromBase64String(publicKeyBase64))).TrimEnd('=');
}
