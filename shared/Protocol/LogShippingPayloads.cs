namespace Monitor.Shared.Protocol;

/// <summary>Streams a supervised app's captured output (its rotating <c>output.log</c>) from <paramref name="Cursor"/>
/// ("inode:offset", from an entry; null = from the oldest kept rotation), following it across rotation and truncation.
/// Entries are <see cref="LogFileEntry"/>s whose timestamp is when the agent read the line and whose level is empty.</summary>
public sealed record AppLogShipRequest(string Name, string? Cursor = null);
