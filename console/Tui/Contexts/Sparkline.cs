namespace Monitor.Control.Tui.Contexts;

/// <summary>Renders the last values (0..100) as block characters, newest on the right.</summary>
public static class Sparkline
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    public static string Render(IEnumerable<double> values, int width) => Render(values.TakeLast(width).ToArray(), width);

    /// <summary>The last <paramref name="width"/> of <paramref name="values"/>, padded on the left; one string allocated.</summary>
    public static string Render(ReadOnlySpan<double> values, int width)
    {
        var last = values.Length > width ? values[^width..] : values;
        Span<char> chars = stackalloc char[width];
        var pad = width - last.Length;
        chars[..pad].Fill(' ');
        for (var i = 0; i < last.Length; i++) chars[pad + i] = Block(last[i]);
        return new string(chars);
    }

    private static char Block(double v) => Blocks[(int)Math.Clamp(Math.Round(v / 100.0 * (Blocks.Length - 1)), 0, Blocks.Length - 1)];
}
