using System.Globalization;

namespace Monitor.Control.Cli;

/// <summary>Byte counts for people: 1.5GB, 230MB, 12kB (decimal units, as the docker CLI prints them).</summary>
public static class Sizes
{
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1000 && unit < units.Length - 1) { value /= 1000; unit++; }
        return unit == 0 ? $"{bytes}B" : value.ToString(value < 10 ? "0.##" : "0.#", CultureInfo.InvariantCulture) + units[unit];
    }
}
