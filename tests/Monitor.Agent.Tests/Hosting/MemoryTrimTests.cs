using Monitor.Agent.Hosting;

namespace Monitor.Agent.Tests.Hosting;

public sealed class MemoryTrimTests
{
    [Theory]
    [InlineData("00400000-00c8a000 r-xp 00000000 08:01 1234 /usr/local/bin/monitor-agent", true, 0x400000UL, 0xc8a000UL)]
    [InlineData("7f1c2a000000-7f1c2a1c0000 r--p 00000000 08:01 99 /usr/lib/x86_64-linux-gnu/libc.so.6", true, 0x7f1c2a000000UL, 0x7f1c2a1c0000UL)]
    [InlineData("7f1c2a000000-7f1c2a1c0000 r--p 00000000 08:01 99 /opt/my dir/lib.so", true, 0x7f1c2a000000UL, 0x7f1c2a1c0000UL)]
    [InlineData("01000000-01100000 rw-p 00c00000 08:01 1234 /usr/local/bin/monitor-agent", true, 0x1000000UL, 0x1100000UL)] // private data
    [InlineData("7f1c2b000000-7f1c2b100000 rw-s 00000000 00:05 77 /dev/shm/segment", false, 0UL, 0UL)] // shared
    [InlineData("7f1c2a1c0000-7f1c2a1c1000 ---p 001c0000 08:01 99 /usr/lib/x86_64-linux-gnu/libc.so.6", false, 0UL, 0UL)] // guard gap
    [InlineData("7ffd5a0b0000-7ffd5a0d1000 rw-p 00000000 00:00 0 [stack]", false, 0UL, 0UL)]
    [InlineData("7f1c29000000-7f1c29400000 r--p 00000000 00:00 0", false, 0UL, 0UL)] // anonymous
    [InlineData("garbage", false, 0UL, 0UL)]
    public void Only_readable_private_file_mappings_are_paged_out(string line, bool expected, ulong start, ulong end)
    {
        Assert.Equal(expected, MemoryTrim.TryParseFileMapping(line, out var s, out var e));
        Assert.Equal((start, end), (s, e));
    }

    [Fact]
    public void A_trim_advises_this_process_s_code_and_data_survive_it()
    {
        var kept = Enumerable.Range(0, 1000).Select(i => $"item {i}").ToList();
        var advised = MemoryTrim.Run();
        Assert.True(advised > 0, "no file mapping of this process was advised (MADV_PAGEOUT needs Linux 5.4+)");
        Assert.Equal("item 999", kept[999]); // compacted, still there; code paged out is read back on use
    }
}
