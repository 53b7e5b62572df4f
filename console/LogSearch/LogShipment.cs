using Monitor.Control.Store;

namespace Monitor.Control.LogSearch;

/// <summary>Lines of one source read from its agent, and the cursor just after the last of them.</summary>
public sealed record LogShipment(string Server, string Source, IReadOnlyList<KeptLogLine> Lines, string Cursor);
