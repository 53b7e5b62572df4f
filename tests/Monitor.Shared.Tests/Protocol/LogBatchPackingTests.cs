using Monitor.Shared.Protocol;

namespace Monitor.Shared.Tests.Protocol;

/// <summary>The packed log batch (three strings per frame) carries exactly the lines of the plain one.</summary>
public sealed class LogBatchPackingTests
{
    private static LogBatch RoundTrip(LogBatch batch, out string wire)
    {
        var frame = FrameCodec.Encode(FrameCodec.StreamData("s", 1, batch));
        wire = System.Text.Encoding.UTF8.GetString(frame);
        var parsed = FrameCodec.Decode(frame);
        return ProtocolJson.FromElement<LogBatch>(parsed.Envelope!.Payload)!;
    }

    [Fact]
    public void A_packed_batch_round_trips_every_line_and_is_sent_packed()
    {
        LogLine[] lines =
        [
            new("2026-12-02T07:00:00.000000001Z", "stdout", "plain"),
            new("2026-12-02T07:00:00.000000002Z", "stderr", "quotes \" and \\ and tab\t and é ✓ 😀"),
            new("2026-12-02T07:00:00.000000003Z", "stdout", ""),
            new("", "stderr", "no time\r"),
        ];
        var back = RoundTrip(new LogBatch(lines) { Packed = true }, out var wire);
        Assert.Equal(lines, back.Lines);
        Assert.Contains("\"streams\":\"oeoe\"", wire);
        Assert.DoesNotContain("\"lines\"", wire);
    }

    [Fact]
    public void Lines_that_cannot_be_packed_and_unpacked_batches_go_plain()
    {
        LogLine[] odd = [new("2026-12-02T07:00:00Z", "monitor", "--- web restarted ---"), new("2026-12-02T07:00:01Z", "stdout", "two\nlines")];
        var back = RoundTrip(new LogBatch(odd) { Packed = true }, out var wire);
        Assert.Equal(odd, back.Lines);
        Assert.Contains("\"lines\"", wire);

        LogLine[] plain = [new("2026-12-02T07:00:00Z", "stdout", "a")];
        Assert.Equal(plain, RoundTrip(new LogBatch(plain), out wire).Lines);
        Assert.Contains("\"lines\":[{\"timestamp\"", wire);
        Assert.Empty(RoundTrip(new LogBatch([]) { Packed = true }, out _).Lines);
    }

    [Fact]
    public void A_packed_batch_with_columns_of_different_lengths_is_refused()
    {
        var frame = """{"type":"stream.data","id":"s","seq":1,"payload":{"times":"a\nb","streams":"o","text":"x\ny"}}"""u8;
        var parsed = FrameCodec.Decode(frame);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => ProtocolJson.FromElement<LogBatch>(parsed.Envelope!.Payload));
    }
}
