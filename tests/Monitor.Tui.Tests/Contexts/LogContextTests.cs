using Monitor.Control.Tui.Contexts;
using Monitor.Shared.Protocol;

namespace Monitor.Tui.Tests.Contexts;

public sealed class LogContextTests
{
    private static LogLine Line(int i, string stream = "stdout") => new($"2026-01-01T00:00:{i % 60:00}.000000000Z", stream, $"line {i}");

    [Fact]
    public void Ring_buffer_keeps_the_newest_lines_up_to_capacity()
    {
        var buffer = new LogBuffer(3);
        for (var i = 0; i < 5; i++) buffer.Append("c", Line(i));
        Assert.Equal(3, buffer.Count);
        Assert.Equal(2, buffer.FirstSeq);
        Assert.Equal(["line 2", "line 3", "line 4"], buffer.All().Select(e => e.Line.Text));
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer[1]);
    }

    [Fact]
    public void Lines_wait_in_the_queue_until_flushed_in_a_batch()
    {
        var log = new LogContext(100);
        log.Enqueue("c", Enumerable.Range(0, 10).Select(i => Line(i)).ToList());
        Assert.Equal(0, log.Buffer.Count);
        Assert.Equal(4, log.Flush(4));
        Assert.Equal(6, log.Flush());
        Assert.Equal(10, log.Received);
        Assert.Equal(10, log.Flushed);
    }

    [Fact]
    public void Rows_are_bottom_aligned_and_wrap_when_asked()
    {
        var log = new LogContext(100);
        log.Enqueue("c", [new LogLine("2026-01-01T10:20:30.123456789Z", "stderr", new string('x', 25))]);
        log.Flush();
        log.ToggleTimestamps();
        Assert.Equal([new string('x', 10)], log.Rows(5, 10).Select(r => r.Text));
        log.ToggleWrap();
        var rows = log.Rows(5, 10);
        Assert.Equal(3, rows.Count);
        Assert.True(rows.All(r => r.Stderr));
        log.ToggleTimestamps();
        Assert.StartsWith("10:20:30.123", string.Concat(log.Rows(5, 100).Select(r => r.Text)));
    }

    [Fact]
    public void Filter_survives_eviction_of_old_lines()
    {
        var log = new LogContext(10);
        log.SetFilter("7");
        for (var i = 0; i < 100; i++) log.Enqueue("c", Line(i));
        log.Flush();
        Assert.Equal(10, log.Buffer.Count);
        Assert.Equal(1, log.VisibleCount); // of lines 90..99 only "line 97" contains a 7
        log.ToggleTimestamps();
        Assert.Equal(["line 97"], log.Rows(5, 80).Select(r => r.Text));
    }

    [Fact]
    public void Search_highlights_every_occurrence()
    {
        var log = new LogContext(10);
        log.ToggleTimestamps();
        log.Enqueue("c", new LogLine("t", "stdout", "ab ab ab"));
        log.Flush();
        log.SetSearch("ab");
        Assert.Equal([(0, 2), (3, 2), (6, 2)], log.Rows(1, 80)[0].Highlights);
    }
}
