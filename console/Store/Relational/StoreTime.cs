namespace Monitor.Control.Store.Relational;

/// <summary>
/// Times in the store: UTC with microsecond precision on every backend (PostgreSQL's timestamptz resolution),
/// so a record reads back the same whichever backend wrote it.
/// </summary>
internal static class StoreTime
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMicrosecond;

    /// <summary>The value as the store keeps it: UTC, truncated to whole microseconds.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset value)
    {
        var utcTicks = value.UtcTicks;
        return new DateTimeOffset(utcTicks - utcTicks % TicksPerMicrosecond, TimeSpan.Zero);
    }

    /// <summary>Microseconds since the Unix epoch (SQLite's integer time columns).</summary>
    public static long ToUnixMicroseconds(DateTimeOffset value) =>
        (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TicksPerMicrosecond;

    public static DateTimeOffset FromUnixMicroseconds(long microseconds) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + microseconds * TicksPerMicrosecond, TimeSpan.Zero);
}
