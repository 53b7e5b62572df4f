using System.Text.Json;
using Monitor.Shared.Protocol;

namespace Monitor.Shared.Tests.Protocol;

public class ProtocolJsonTests
{
    private static JsonElement Json<T>(T value) => ProtocolJson.ToElement(value);

    private static T RoundTrip<T>(T value) => ProtocolJson.FromElement<T>(ProtocolJson.ToElement(value))!;

    [Fact]
    public void Property_names_are_camel_case()
    {
        var json = Json(new ContainerStopRequest("web", 10));

        Assert.Equal("web", json.GetProperty("container").GetString());
        Assert.Equal(10, json.GetProperty("timeoutSeconds").GetInt32());
        Assert.False(json.TryGetProperty("TimeoutSeconds", out _));
    }

    [Fact]
    public void Null_values_are_omitted()
    {
        var json = Json(new ContainerStopRequest("web"));

        Assert.False(json.TryGetProperty("timeoutSeconds", out _));
        Assert.Equal(1, json.EnumerateObject().Count());
    }

    [Fact]
    public void Envelope_omits_absent_fields()
    {
        var text = FrameCodec.EncodeText(FrameCodec.Response("r-1", new ContainerRef("web")));

        Assert.Equal("{\"type\":\"response\",\"id\":\"r-1\",\"payload\":{\"container\":\"web\"}}", text);
    }

    [Fact]
    public void Hello_and_auth_payloads_round_trip()
    {
        var hello = new HelloPayload(ProtocolVersion.Current, "1.0.0", "web-01", "bm9uY2U=", "conn-1");
        var auth = new AuthPayload(ProtocolVersion.Current, "monitor-ecdsa-p256 AAAA ops@jump", "c2ln", null);
        var ok = new AuthOkPayload(ProtocolVersion.Current, "1.0.0", "web-01");

        Assert.Equal(hello, RoundTrip(hello));
        Assert.Equal(auth, RoundTrip(auth));
        Assert.Equal(ok, RoundTrip(ok));
        Assert.Equal("conn-1", Json(hello).GetProperty("connectionId").GetString());
        Assert.False(Json(auth).TryGetProperty("user", out _));
    }

    [Fact]
    public void Container_summary_round_trips_with_ports_labels_and_dates()
    {
        var created = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        var summary = new ContainerSummary("abc", "web", "local/busybox:latest", "running", "Up 2 minutes", null, created,
            [new PortMapping(80, 8080, "tcp", "127.0.0.1"), new PortMapping(53, null, "udp", null)],
            new Dictionary<string, string> { ["com.docker.compose.project"] = "shop" });

        var back = RoundTrip(new ContainerListResponse([summary])).Containers.Single();

        Assert.Equal(summary.Id, back.Id);
        Assert.Equal(created, back.Created);
        Assert.Equal(summary.Ports, back.Ports);
        Assert.Equal("shop", back.Labels["com.docker.compose.project"]);
        Assert.Null(back.Health);
        var port = Json(summary).GetProperty("ports")[1];
        Assert.Equal(53, port.GetProperty("privatePort").GetInt32());
        Assert.False(port.TryGetProperty("publicPort", out _));
    }

    [Fact]
    public void Command_request_keeps_argument_list_and_environment()
    {
        var request = new CommandRunRequest("git", ["clone", "--", "https://example.invalid/x.git"], "/srv",
            new Dictionary<string, string> { ["GIT_TERMINAL_PROMPT"] = "0" }, 30);

        var back = RoundTrip(request);

        Assert.Equal(["clone", "--", "https://example.invalid/x.git"], back.Args);
        Assert.Equal("0", back.Env!["GIT_TERMINAL_PROMPT"]);
        Assert.Equal(30, back.TimeoutSeconds);
        Assert.False(back.Shell);
        Assert.Equal(JsonValueKind.Array, Json(request).GetProperty("args").ValueKind);
    }

    [Fact]
    public void Log_stream_request_and_end_round_trip()
    {
        var request = new LogStreamRequest("web", Follow: true, Tail: 100, Since: "2026-11-23T08:00:00.123456789Z");
        var end = new LogStreamEnd("container stopped", "2026-11-23T08:00:01.000000001Z");

        Assert.Equal(request, RoundTrip(request));
        Assert.Equal(end, RoundTrip(end));
        Assert.Equal(100, Json(request).GetProperty("tail").GetInt32());
    }

    [Fact]
    public void Host_metrics_round_trip_with_nested_lists()
    {
        var metrics = new HostMetrics(DateTimeOffset.UnixEpoch, 12.5, 0.1, 0.2, 0.3, 1000, 400, 600, 0, 0,
            [new DiskUsage("/", "/dev/sda1", "ext4", 100, 40, 60)],
            [new NetworkUsage("eth0", 5, 6)], 42,
            [new TemperatureReading("cpu", 51.5)], 3600);

        var back = RoundTrip(metrics);

        Assert.Equal(metrics.Disks, back.Disks);
        Assert.Equal(metrics.Networks, back.Networks);
        Assert.Equal(metrics.Temperatures, back.Temperatures);
        Assert.Equal(12.5, back.CpuPercent);
        Assert.Equal(1000, Json(metrics).GetProperty("memoryTotalBytes").GetInt64());
    }

    [Fact]
    public void From_element_of_null_or_missing_payload_is_default()
    {
        Assert.Null(ProtocolJson.FromElement<ContainerRef>(null));
        Assert.Null(ProtocolJson.FromElement<ContainerRef>(JsonDocument.Parse("null").RootElement));
    }
}
