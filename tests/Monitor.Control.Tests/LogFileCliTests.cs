using Monitor.LogWriter;
using Monitor.TestSupport;

namespace Monitor.Control.Tests;

/// <summary>`monitor logfile list|read` against a real agent reading files written by the writer library.</summary>
public sealed class LogFileCliTests
{
    [Fact]
    public async Task Logfile_verbs_list_and_read_writer_files_and_refuse_paths_outside_the_directories()
    {
        using var dir = new TempDirectory();
        await using var console = await ConsoleHarness.StartAsync(configureAgent: c => c.LogFileDirs = [dir.Path]);
        using var writer = AppLogWriter.Create("billing", dir.Path, "abc");
        writer.Info("started");
        writer.Error("payment failed\nretrying");
        writer.Warn("slow");

        var list = await console.JsonAsync("logfile", "list", "--server", "local");
        var file = Assert.Single(list.EnumerateArray());
        Assert.Equal(writer.Path, file.GetProperty("path").GetString());
        Assert.Equal("billing", file.GetProperty("program").GetString());
        Assert.True(file.GetProperty("writerAlive").GetBoolean());

        var errors = await console.RunAsync("logfile", "read", writer.Path, "--server", "local", "--level", "warn");
        Assert.Equal(0, errors.ExitCode);
        var lines = errors.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.EndsWith("ERROR payment failed", lines[0]);
        Assert.Equal("retrying", lines[1]);
        Assert.EndsWith("WARN  slow", lines[2]);

        var refused = await console.RunAsync("logfile", "read", "/etc/passwd", "--server", "local");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("refused", refused.Error);
        Assert.DoesNotContain("   at ", refused.Error);
    }
}
