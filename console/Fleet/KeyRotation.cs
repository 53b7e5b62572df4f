namespace Monitor.Control.Fleet;

/// <summary>The outcome of `monitor key rotate`: the retired and the new key, and one line per server.</summary>
public sealed record KeyRotation(string OldFingerprint, string NewFingerprint, IReadOnlyList<string> Servers, IReadOnlyList<string> Warnings);
