using System.Diagnostics;
using System.Text;

namespace Monitor.LogWriter;

/// <summary>Writes an app log file that monitor-agent discovers and streams: <c>DIR/PROGRAM_log_TOKEN</c>, a header line,
/// then one line per entry, flushed as written (an entry is one write, so a reader never sees half an entry unless the
/// disk is full). Thread-safe. <see cref="Rotate"/> renames the file to <c>NAME.1</c> and starts a new one with a new
/// header under the same name.</summary>
public sealed class AppLogWriter : IDisposable
{
    private readonly object _gate = new();
    private readonly string _program;
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
    private FileStream _stream;

    private AppLogWriter(string path, string program)
    {
        Path = path;
        _program = program;
        _stream = Open(path);
    }

    /// <summary>The file being written.</summary>
    public string Path { get; }

    /// <summary>Creates <c>DIRECTORY/PROGRAM_log_TOKEN</c> (directory default /tmp; token random unless given).</summary>
    public static AppLogWriter Create(string program, string? directory = null, string? token = null)
    {
        if (string.IsNullOrWhiteSpace(program) || program.IndexOfAny(['/', '\0', '\t', '\n']) >= 0)
            throw new ArgumentException("program must be a plain name (no '/', tab, newline or NUL)", nameof(program));
        token ??= Guid.NewGuid().ToString("N")[..12];
        var path = System.IO.Path.Combine(directory ?? "/tmp", $"{program}_log_{token}");
        return new AppLogWriter(path, program);
    }

    public void Write(LogLevel level, string message)
    {
        var line = Encoding.UTF8.GetBytes(LogFileFormat.Entry(DateTimeOffset.UtcNow, level, message) + "\n");
        lock (_gate)
        {
            _stream.Write(line);
            _stream.Flush();
        }
    }

    public void Info(string message) => Write(LogLevel.Info, message);
    public void Warn(string message) => Write(LogLevel.Warn, message);
    public void Error(string message) => Write(LogLevel.Error, message);
    public void Debug(string message) => Write(LogLevel.Debug, message);

    /// <summary>Renames the current file to <c>PATH.1</c> (replacing an older one) and continues in a fresh file.</summary>
    public void Rotate()
    {
        lock (_gate)
        {
            _stream.Dispose();
            File.Move(Path, Path + ".1", overwrite: true);
            _stream = Open(Path);
        }
    }

    public void Dispose()
    {
        lock (_gate) _stream.Dispose();
    }

    private FileStream Open(string path)
    {
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length == 0)
        {
            var header = LogFileFormat.Header(_program, Environment.ProcessId, Environment.UserName, _start);
            stream.Write(Encoding.UTF8.GetBytes(header + "\n"));
            stream.Flush();
        }
        return stream;
    }
}
