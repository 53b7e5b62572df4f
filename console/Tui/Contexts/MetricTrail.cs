namespace Monitor.Control.Tui.Contexts;

/// <summary>The last <see cref="Capacity"/> values of one metric of one server, oldest first; appending drops the
/// oldest when full (a fixed array: no allocation per sample).</summary>
public sealed class MetricTrail(int capacity)
{
    private readonly double[] _values = new double[capacity];
    private int _start;

    public int Capacity => _values.Length;
    public int Count { get; private set; }

    public void Append(double value)
    {
        if (Count < _values.Length) { _values[(_start + Count++) % _values.Length] = value; return; }
        _values[_start] = value;
        _start = (_start + 1) % _values.Length;
    }

    /// <summary>A copy, oldest first.</summary>
    public double[] ToArray()
    {
        var copy = new double[Count];
        for (var i = 0; i < Count; i++) copy[i] = _values[(_start + i) % _values.Length];
        return copy;
    }

    /// <summary>The sparkline of the newest <paramref name="width"/> values.</summary>
    public string Sparkline(int width)
    {
        var n = Math.Min(width, Count);
        Span<double> last = stackalloc double[n];
        for (var i = 0; i < n; i++) last[i] = _values[(_start + Count - n + i) % _values.Length];
        return Contexts.Sparkline.Render(last, width);
    }
}
