using System.Text;

namespace Monitor.Hostile.Tests.Support;

/// <summary>Hostile frames from a seeded generator: random bytes, truncated and oversized frames, invalid UTF-8, deep
/// nesting, binary frames, frames out of order (stream input and cancel for unknown ids, a second auth, frames only the
/// agent sends), real methods with payloads of the wrong shape, unknown methods and huge ids.</summary>
public sealed class FuzzFrames(int seed, int maxFrameBytes)
{
    public const int Kinds = 12;
    private static readonly string[] Methods = ["agent.info", "container.list", "container.inspect", "container.start", "git.sync", "image.build", "compose.up", "command.run", "no.such.method", ""];
    private readonly Random _random = new(seed);

    /// <summary>A frame of the given kind: its bytes and whether it goes as a binary frame.</summary>
    public (byte[] Bytes, bool Binary, string Kind) Next(int kind)
    {
        switch (kind)
        {
            case 0: return (RandomBytes(_random.Next(1, 512)), false, "random");
            case 1:
                var valid = Encoding.UTF8.GetBytes(Request(Methods[_random.Next(Methods.Length)], """{"container":"mt-hostile-x"}"""));
                return (valid[..Math.Max(1, _random.Next(valid.Length))], false, "truncated");
            case 2: return (Encoding.UTF8.GetBytes("{\"type\":\"request\",\"id\":\"big\",\"method\":\"agent.info\",\"payload\":\"" + new string('A', maxFrameBytes) + "\"}"), false, "oversized");
            case 3:
                var text = Encoding.UTF8.GetBytes(Request("container.inspect", """{"container":"mt-XX"}"""));
                var at = Array.IndexOf(text, (byte)'X');
                text[at] = 0xFF; text[at + 1] = 0xC0;
                return (text, false, "invalid-utf8");
            case 4:
                var depth = _random.Next(65, 5000);
                return (Encoding.UTF8.GetBytes("{\"type\":\"request\",\"id\":\"d\",\"method\":\"agent.info\",\"payload\":" + new string('[', depth) + new string(']', depth) + "}"), false, "deep-nesting");
            case 5: return (RandomBytes(_random.Next(1, 2048)), true, "binary");
            case 6:
                string[] outOfOrder =
                [
                    """{"type":"stream.input","id":"nope","payload":{"data":"AAAA"}}""", """{"type":"cancel","id":"never-opened"}""",
                    """{"type":"auth","payload":{"publicKey":"x","signature":"y"}}""", """{"type":"response","id":"r1","payload":{}}""",
                    """{"type":"stream.end","id":"s","seq":9}""", """{"type":"hello","payload":{}}""", """{"type":"pong","id":"p"}""",
                    """{"type":"ping","id":"p"}""", """{"type":"stream","id":"s","seq":-1}""",
                ];
                return (Encoding.UTF8.GetBytes(outOfOrder[_random.Next(outOfOrder.Length)]), false, "out-of-order");
            case 7:
                string[] payloads = ["null", "[]", "42", "\"s\"", """{"container":42}""", """{"container":null}""", """{"repoKey":{"a":1}}""", """{"tags":"x"}""", """{"file":[]}"""];
                return (Encoding.UTF8.GetBytes(Request(Methods[_random.Next(Methods.Length)], payloads[_random.Next(payloads.Length)])), false, "wrong-payload");
            case 8: return (Encoding.UTF8.GetBytes(Request("x." + RandomWord(), "{}")), false, "unknown-method");
            case 9: return (Encoding.UTF8.GetBytes("{\"type\":\"request\",\"id\":\"" + new string('i', _random.Next(1000, 60_000)) + "\",\"method\":\"agent.info\",\"payload\":{}}"), false, "huge-id");
            case 10: return (Encoding.UTF8.GetBytes(JsonNoise()), false, "json-noise");
            default: return (Encoding.UTF8.GetBytes("{\"type\":\"request\",\"id\":\"n\u0000\",\"method\":\"container.inspect\",\"payload\":{\"container\":\"a\\u0000b\\n\"}}"), false, "control-chars");
        }
    }

    private static string Request(string method, string payload) => $$"""{"type":"request","id":"f","method":"{{method}}","payload":{{payload}}}""";

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private string RandomWord() => new([.. Enumerable.Range(0, _random.Next(1, 20)).Select(_ => (char)_random.Next('a', 'z' + 1))]);

    private string JsonNoise()
    {
        string[] parts = ["{", "}", "[", "]", ",", ":", "\"type\"", "\"request\"", "null", "true", "1e999", "-0", "\"\\ud800\"", "\"id\"", "\"payload\""];
        return string.Concat(Enumerable.Range(0, _random.Next(1, 40)).Select(_ => parts[_random.Next(parts.Length)]));
    }
}
