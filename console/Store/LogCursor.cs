namespace Monitor.Control.Store;

/// <summary>Where shipping of one source stopped: the resume position (opaque to the store) of the last kept line.</summary>
public sealed record LogCursor(string Server, string Source, string Position);
