using System.Data.Common;
using Monitor.Shared.Models;

namespace Monitor.Control.Store.Relational;

/// <summary>Maps result rows to models. Time columns are read by the backend (integer or timestamptz).</summary>
internal static class RowReaders
{
    public delegate DateTimeOffset TimeReader(DbDataReader reader, int ordinal);

    /// <summary>Reads a row selected with <see cref="ActionColumns.Select"/>.</summary>
    public static ActionRecord ReadAction(DbDataReader r, TimeReader readTime) => new()
    {
        Id = r.GetInt64(0),
        Start = readTime(r, 1),
        End = r.IsDBNull(2) ? null : readTime(r, 2),
        User = r.GetString(3),
        Type = r.GetString(4),
        Server = NullableString(r, 5),
        Stack = NullableString(r, 6),
        Target = NullableString(r, 7),
        Parameters = StoreJson.ToDictionary(r.GetString(8)),
        Success = r.IsDBNull(9) ? null : r.GetBoolean(9),
        Output = r.GetString(10),
        Error = NullableString(r, 11),
        Result = StoreJson.ToDictionary(r.GetString(12)),
    };

    /// <summary>Reads name, url, description, tags, tls_fingerprint, added.</summary>
    public static ServerInfo ReadServer(DbDataReader r, TimeReader readTime) => new()
    {
        Name = r.GetString(0),
        Url = r.GetString(1),
        Description = NullableString(r, 2),
        Tags = StoreJson.ToList(r.GetString(3)),
        TlsFingerprint = NullableString(r, 4),
        Added = readTime(r, 5),
    };

    /// <summary>Reads server, sampled, cpu_percent, memory_used, memory_total, disk_used, disk_total, max_temperature, load1.</summary>
    public static MetricSample ReadMetric(DbDataReader r, TimeReader readTime) => new(
        r.GetString(0),
        readTime(r, 1),
        r.GetDouble(2),
        r.GetInt64(3),
        r.GetInt64(4),
        r.GetInt64(5),
        r.GetInt64(6),
        r.IsDBNull(7) ? null : r.GetDouble(7),
        r.GetDouble(8));

    private static string? NullableString(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
}
