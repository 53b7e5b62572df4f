namespace Monitor.Control.Tui.Contexts;

/// <summary>Renders the last values (0..100) as block characters, newest on the right.</summary>
public static class Sparkline
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    public static string Render(IEnumerable<double> values, int width)
    {
        var last = values.TakeLast(width).ToList();
        var chars = last.Select(v => Blocks[(int)Math.Clamp(Math.Round(v / 100.0 * (Blocks.Length - 1)), 0, Blocks.Length - 1)]);
        return new string(chars.ToArray()).PadLeft(width);
    }
}
