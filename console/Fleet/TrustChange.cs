namespace Monitor.Control.Fleet;

/// <summary>`server trust`: the pin before (null when none) and the one now stored.</summary>
public sealed record TrustChange(string Server, string? Previous, string Current);
