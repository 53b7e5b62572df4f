using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Shared.Protocol;

/// <summary>Writes a <see cref="LogBatch"/> as <c>{"lines":[{timestamp,stream,text},...]}</c>, or, when
/// <see cref="LogBatch.Packed"/>, as three strings: <c>{"times":"t1\nt2","streams":"oe","text":"l1\nl2"}</c>
/// (o = stdout, e = stderr): three JSON tokens per batch instead of seven per line, for the 1,000-line batches of a
/// long log read. Lines that cannot be packed (a newline inside, another stream) go in the plain shape. Reads both.
/// Hand-written: System.Text.Json has no packed-columns shape.</summary>
public sealed class LogBatchConverter : JsonConverter<LogBatch>
{
    public override LogBatch Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("a log batch is an object");
        List<LogLine>? lines = null;
        string[]? times = null, texts = null;
        string? streams = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("lines"u8)) { reader.Read(); lines = ReadLines(ref reader); }
            else if (reader.ValueTextEquals("times"u8)) { reader.Read(); times = ReadColumn(ref reader); }
            else if (reader.ValueTextEquals("streams"u8)) { reader.Read(); streams = reader.GetString(); }
            else if (reader.ValueTextEquals("text"u8)) { reader.Read(); texts = ReadColumn(ref reader); }
            else { reader.Read(); reader.Skip(); }
        }
        if (lines is not null) return new LogBatch(lines);
        if (times is null || texts is null || streams is null) return new LogBatch([]);
        if (times.Length != texts.Length || streams.Length != texts.Length)
            throw new JsonException($"a packed log batch has {times.Length} times, {streams.Length} streams and {texts.Length} texts");
        var packed = new LogLine[texts.Length];
        for (var i = 0; i < packed.Length; i++) packed[i] = new LogLine(times[i], streams[i] == 'e' ? "stderr" : "stdout", texts[i]);
        return new LogBatch(packed);
    }

    public override void Write(Utf8JsonWriter writer, LogBatch value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.Packed && value.Lines.Count > 0 && value.Lines.All(Packable))
        {
            WriteColumn(writer, "times"u8, value.Lines, l => l.Timestamp);
            var streams = new char[value.Lines.Count];
            for (var i = 0; i < streams.Length; i++) streams[i] = value.Lines[i].Stream == "stderr" ? 'e' : 'o';
            writer.WriteString("streams"u8, streams);
            WriteColumn(writer, "text"u8, value.Lines, l => l.Text);
        }
        else
        {
            writer.WriteStartArray("lines"u8);
            foreach (var line in value.Lines)
            {
                writer.WriteStartObject();
                writer.WriteString("timestamp"u8, line.Timestamp);
                writer.WriteString("stream"u8, line.Stream);
                writer.WriteString("text"u8, line.Text);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private static bool Packable(LogLine line) =>
        line.Stream is "stdout" or "stderr" && !line.Text.Contains('\n') && !line.Timestamp.Contains('\n');

    private static void WriteColumn(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<LogLine> lines, Func<LogLine, string> pick)
    {
        var length = lines.Count;
        foreach (var line in lines) length += Encoding.UTF8.GetMaxByteCount(pick(line).Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var at = 0;
            for (var i = 0; i < lines.Count; i++)
            {
                if (i > 0) buffer[at++] = (byte)'\n';
                at += Encoding.UTF8.GetBytes(pick(lines[i]), buffer.AsSpan(at));
            }
            writer.WriteString(name, buffer.AsSpan(0, at));
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    /// <summary>A packed column: the string's UTF-8 split at each newline, each part decoded once.</summary>
    private static string[] ReadColumn(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException("a packed log column is a string");
        var size = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        try
        {
            var bytes = buffer.AsSpan(0, reader.CopyString(buffer));
            var parts = new string[bytes.Count((byte)'\n') + 1];
            for (var i = 0; i < parts.Length; i++)
            {
                var newline = bytes.IndexOf((byte)'\n');
                var part = newline < 0 ? bytes : bytes[..newline];
                parts[i] = Encoding.UTF8.GetString(part);
                bytes = newline < 0 ? [] : bytes[(newline + 1)..];
            }
            return parts;
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    private static List<LogLine> ReadLines(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("'lines' is an array");
        var lines = new List<LogLine>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string timestamp = "", stream = "stdout", text = "";
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("timestamp"u8)) { reader.Read(); timestamp = reader.GetString() ?? ""; }
                else if (reader.ValueTextEquals("stream"u8)) { reader.Read(); stream = reader.ValueTextEquals("stderr"u8) ? "stderr" : reader.ValueTextEquals("stdout"u8) ? "stdout" : reader.GetString() ?? "stdout"; }
                else if (reader.ValueTextEquals("text"u8)) { reader.Read(); text = reader.GetString() ?? ""; }
                else { reader.Read(); reader.Skip(); }
            }
            lines.Add(new LogLine(timestamp, stream, text));
        }
        return lines;
    }
}
