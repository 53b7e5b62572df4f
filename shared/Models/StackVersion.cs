namespace Monitor.Shared.Models;

/// <summary>MAJOR.MINOR.PATCH of a built image.</summary>
public readonly record struct StackVersion(int Major, int Minor, int Patch) : IComparable<StackVersion>
{
    public override string ToString() => $"{Major}.{Minor}.{Patch}";

    public int CompareTo(StackVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor != other.Minor ? Minor.CompareTo(other.Minor) : Patch.CompareTo(other.Patch);

    public static bool TryParse(string? text, out StackVersion version)
    {
        version = default;
        var parts = (text ?? "").Split('.');
        if (parts.Length != 3) return false;
        if (!int.TryParse(parts[0], out var major) || !int.TryParse(parts[1], out var minor) || !int.TryParse(parts[2], out var patch)) return false;
        if (major < 0 || minor < 0 || patch < 0) return false;
        version = new StackVersion(major, minor, patch);
        return true;
    }

    /// <summary>The next build's version: the highest recorded version with the same MAJOR.MINOR, patch + 1;
    /// PATCH 1 when none (so the first build of 0.0 is 0.0.1).</summary>
    public static StackVersion Next(string majorMinor, IEnumerable<string> recorded)
    {
        var mm = (majorMinor ?? "0.0").Split('.');
        var major = mm.Length > 0 && int.TryParse(mm[0], out var a) ? a : 0;
        var minor = mm.Length > 1 && int.TryParse(mm[1], out var b) ? b : 0;
        var highest = 0;
        foreach (var text in recorded)
            if (TryParse(text, out var v) && v.Major == major && v.Minor == minor && v.Patch > highest)
                highest = v.Patch;
        return new StackVersion(major, minor, highest + 1);
    }
}
