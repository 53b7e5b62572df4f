using System.Globalization;
using Monitor.LogWriter;

namespace Monitor.Agent.LogFiles;

/// <summary>The header line of an app log file (see <see cref="LogFileFormat"/>).</summary>
internal sealed record LogFileHeader(string Program, int Pid, string User, string Start, int Version)
{
    public static LogFileHeader? Parse(string? line)
    {
        if (line is null || !line.StartsWith("#monitor-log/", StringComparison.Ordinal)) return null;
        var f = line.Split('\t');
        if (f.Length < 5 || !int.TryParse(f[0]["#monitor-log/".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            || !int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return null;
        return new LogFileHeader(LogFileFormat.Unescape(f[1]), pid, LogFileFormat.Unescape(f[3]), f[4], version);
    }

    public static bool IsHeader(string line) => line.StartsWith("#monitor-log/", StringComparison.Ordinal);

    /// <summary>The first line of a file (header), or null.</summary>
    public static LogFileHeader? Read(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return Parse(reader.ReadLine());
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
