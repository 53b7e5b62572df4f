using System.Security.Cryptography;
using System.Text;

namespace Monitor.Control.Webhooks;

/// <summary>HMAC-SHA256 of the raw body with the shared secret, compared with a hex digest a sender put in a header.
/// The comparison runs in constant time (CryptographicOperations.FixedTimeEquals) so timing tells nothing.</summary>
public static class HmacSignature
{
    public static byte[] Compute(string secret, ReadOnlySpan<byte> body) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);

    public static string ComputeHex(string secret, ReadOnlySpan<byte> body) => Convert.ToHexStringLower(Compute(secret, body));

    /// <summary>True when <paramref name="hex"/> (64 hex digits, either case) is the body's HMAC under the secret.</summary>
    public static bool Matches(string secret, ReadOnlySpan<byte> body, string? hex)
    {
        if (hex is null || hex.Length != 64 || !IsHex(hex)) return false;
        return CryptographicOperations.FixedTimeEquals(Compute(secret, body), Convert.FromHexString(hex));
    }

    /// <summary>Equality of two secrets in constant time, whatever their lengths (both are hashed first).</summary>
    public static bool SecretEquals(string secret, string? presented)
    {
        if (presented is null) return false;
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
    }

    private static bool IsHex(string text)
    {
        foreach (var c in text) if (!char.IsAsciiHexDigit(c)) return false;
        return true;
    }
}
