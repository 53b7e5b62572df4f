using System.Text;
using Monitor.Shared.Protocol;

namespace Monitor.Shared.Tests.Protocol;

public class FrameCodecTests
{
    private static Envelope RoundTrip(Envelope envelope)
    {
        var result = FrameCodec.Decode(FrameCodec.Encode(envelope));
        Assert.True(result.IsOk, result.Error?.Message);
        Assert.Null(result.Error);
        return result.Envelope!;
    }

    [Fact]
    public void Request_round_trips_with_id_method_and_payload()
    {
        var sent = FrameCodec.Request("r-1", AgentMethods.ContainerStop, new ContainerStopRequest("web", 5));

        var received = RoundTrip(sent);

        Assert.Equal(FrameTypes.Request, received.Type);
        Assert.Equal("r-1", received.Id);
        Assert.Equal(AgentMethods.ContainerStop.Name, received.Method);
        Assert.Null(received.Seq);
        Assert.Null(received.Error);
        Assert.Equal(new ContainerStopRequest("web", 5), ProtocolJson.FromElement<ContainerStopRequest>(received.Payload));
    }

    [Fact]
    public void Response_round_trips_with_payload()
    {
        var sent = FrameCodec.Response("r-2", new ContainerActionResult("abc123", "web", "running"));

        var received = RoundTrip(sent);

        Assert.Equal(FrameTypes.Response, received.Type);
        Assert.Equal("r-2", received.Id);
        Assert.Null(received.Method);
        Assert.Equal(new ContainerActionResult("abc123", "web", "running"), ProtocolJson.FromElement<ContainerActionResult>(received.Payload));
    }

    [Fact]
    public void Error_frame_round_trips_code_and_message_without_payload()
    {
        var received = RoundTrip(FrameCodec.ErrorFrame("r-3", ErrorCodes.NotFound, "no container named web"));

        Assert.Equal(FrameTypes.Error, received.Type);
        Assert.Equal("r-3", received.Id);
        Assert.Equal(new ProtocolError(ErrorCodes.NotFound, "no container named web"), received.Error);
        Assert.Null(received.Payload);
    }

    [Fact]
    public void Error_frame_without_id_round_trips()
    {
        var received = RoundTrip(FrameCodec.ErrorFrame(null, ErrorCodes.MalformedFrame, "bad"));

        Assert.Null(received.Id);
        Assert.Equal(ErrorCodes.MalformedFrame, received.Error!.Code);
    }

    [Fact]
    public void Stream_data_round_trips_sequence_number_and_batch()
    {
        var batch = new LogBatch([
            new LogLine("2026-11-23T08:00:00.000000001Z", "stdout", "first"),
            new LogLine("2026-11-23T08:00:00.000000002Z", "stderr", "second"),
        ]);

        var received = RoundTrip(FrameCodec.StreamData("s-1", 7, batch));

        Assert.Equal(FrameTypes.StreamData, received.Type);
        Assert.Equal("s-1", received.Id);
        Assert.Equal(7, received.Seq);
        var lines = ProtocolJson.FromElement<LogBatch>(received.Payload)!.Lines;
        Assert.Equal(batch.Lines, lines);
    }

    [Fact]
    public void Stream_end_round_trips_summary_and_optional_error()
    {
        var error = new ProtocolError(ErrorCodes.Cancelled, "cancelled by the console");

        var received = RoundTrip(FrameCodec.StreamEnd("s-2", 12, new CommandResult(137, true, 2.5), error));

        Assert.Equal(FrameTypes.StreamEnd, received.Type);
        Assert.Equal(12, received.Seq);
        Assert.Equal(error, received.Error);
        Assert.Equal(new CommandResult(137, true, 2.5), ProtocolJson.FromElement<CommandResult>(received.Payload));
    }

    [Fact]
    public void Cancel_round_trips_with_only_type_and_id()
    {
        var received = RoundTrip(FrameCodec.Cancel("s-3"));

        Assert.Equal(FrameTypes.Cancel, received.Type);
        Assert.Equal("s-3", received.Id);
        Assert.Null(received.Payload);
        Assert.Equal("{\"type\":\"cancel\",\"id\":\"s-3\"}", FrameCodec.EncodeText(FrameCodec.Cancel("s-3")));
    }

    [Fact]
    public void Text_and_bytes_decode_to_the_same_envelope()
    {
        var text = FrameCodec.EncodeText(FrameCodec.Request("r-4", AgentMethods.AgentInfo, new AgentInfoRequest()));

        var fromText = FrameCodec.Decode(text);
        var fromBytes = FrameCodec.Decode(Encoding.UTF8.GetBytes(text));

        Assert.True(fromText.IsOk);
        Assert.Equal(fromBytes.Envelope!.Id, fromText.Envelope!.Id);
        Assert.Equal(AgentMethods.AgentInfo.Name, fromText.Envelope.Method);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"type\":\"request\",\"seq\":\"seven\"}")]
    [InlineData("{\"type\":\"request\"")]
    public void Malformed_json_is_an_error_result_not_an_exception(string frame)
    {
        var result = FrameCodec.Decode(frame);

        Assert.False(result.IsOk);
        Assert.Null(result.Envelope);
        Assert.Equal(ErrorCodes.MalformedFrame, result.Error!.Code);
        Assert.False(string.IsNullOrWhiteSpace(result.Error.Message));
    }

    [Theory]
    [InlineData("{\"id\":\"r-1\",\"method\":\"agent.info\"}")]
    [InlineData("{\"type\":\"\",\"id\":\"r-1\"}")]
    [InlineData("{\"type\":\"   \"}")]
    [InlineData("null")]
    public void Frame_without_a_type_is_malformed(string frame)
    {
        var result = FrameCodec.Decode(frame);

        Assert.False(result.IsOk);
        Assert.Equal(ErrorCodes.MalformedFrame, result.Error!.Code);
        Assert.Contains("type", result.Error.Message);
    }

    [Fact]
    public void Frame_over_the_size_limit_is_rejected_before_parsing()
    {
        var padding = new string('x', ProtocolVersion.MaxFrameBytes);
        var frame = Encoding.UTF8.GetBytes($"{{\"type\":\"request\",\"id\":\"{padding}\"}}");

        var result = FrameCodec.Decode(frame);

        Assert.False(result.IsOk);
        Assert.Equal(ErrorCodes.FrameTooLarge, result.Error!.Code);
        Assert.Contains(frame.Length.ToString(), result.Error.Message);
    }

    [Fact]
    public void Frame_exactly_at_the_size_limit_is_accepted()
    {
        var prefix = "{\"type\":\"request\",\"id\":\"";
        var suffix = "\"}";
        var padding = new string('x', ProtocolVersion.MaxFrameBytes - prefix.Length - suffix.Length);
        var frame = Encoding.UTF8.GetBytes(prefix + padding + suffix);
        Assert.Equal(ProtocolVersion.MaxFrameBytes, frame.Length);

        var result = FrameCodec.Decode(frame);

        Assert.True(result.IsOk, result.Error?.Message);
        Assert.Equal(padding.Length, result.Envelope!.Id!.Length);
    }
}
