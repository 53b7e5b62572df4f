using System.Security.Cryptography;
using System.Text;

namespace Monitor.Control.Devices;

/// <summary>Per-device tokens: 32 random bytes shown once; the store keeps only their SHA-256 (a high-entropy
/// token needs no slow hash), compared in constant time.</summary>
public static class DeviceTokens
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool Matches(string? token, string storedHash)
    {
        var presented = Encoding.ASCII.GetBytes(Hash(token ?? ""));
        return CryptographicOperations.FixedTimeEquals(presented, Encoding.ASCII.GetBytes(storedHash));
    }
}
