namespace Monitor.Control.Fleet;

/// <summary>A known_hosts verdict: where the key was found (file:line) and, when it changed, the old fingerprint.</summary>
public sealed record HostKeyVerdict(HostKeyState State, string? Where, string? KnownFingerprint);
