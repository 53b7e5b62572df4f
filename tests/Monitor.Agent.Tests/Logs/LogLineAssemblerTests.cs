using System.Text;
using Monitor.Agent.Logs;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Tests.Logs;

public sealed class LogLineAssemblerTests
{
    private const string T1 = "2026-11-23T09:00:10.000000001Z";
    private const string T2 = "2026-11-23T09:00:10.000000002Z";

    [Fact]
    public void Partial_frames_are_joined_and_carry_the_last_parts_timestamp()
    {
        var assembler = new LogLineAssembler();
        var lines = new List<LogLine>();
        assembler.AddFrame("stdout", Encoding.UTF8.GetBytes($"{T1} abc"), lines);
        assembler.AddFrame("stderr", Encoding.UTF8.GetBytes($"{T1} other\n"), lines);
        assembler.AddFrame("stdout", Encoding.UTF8.GetBytes($"{T2} def\n"), lines);
        Assert.Equal([new LogLine(T1, "stderr", "other"), new LogLine(T2, "stdout", "abcdef")], lines);
    }

    [Fact]
    public void Raw_tty_data_is_split_into_lines_and_keeps_the_unfinished_rest()
    {
        var assembler = new LogLineAssembler();
        var lines = new List<LogLine>();
        var data = Encoding.UTF8.GetBytes($"{T1} one\r\n{T2} tw");
        var consumed = assembler.AddRaw("stdout", data, lines);
        Assert.Equal([new LogLine(T1, "stdout", "one")], lines);
        Assert.Equal(data.Length - $"{T2} tw".Length, consumed);
    }

    [Fact]
    public void Flush_emits_an_unfinished_last_line()
    {
        var assembler = new LogLineAssembler();
        var lines = new List<LogLine>();
        assembler.AddFrame("stdout", Encoding.UTF8.GetBytes($"{T1} no newline"), lines);
        Assert.Empty(lines);
        assembler.Flush(lines);
        Assert.Equal([new LogLine(T1, "stdout", "no newline")], lines);
    }
}
