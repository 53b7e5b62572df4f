using System.Globalization;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Services;

/// <summary>One engine event as a line for people: time, type, action, short id and attributes (name, image, exit code...).</summary>
public static class DockerEventText
{
    public static string Line(DockerEvent e)
    {
        var attributes = string.Join(", ", e.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"));
        var id = e.Id.StartsWith("sha256:", StringComparison.Ordinal) ? e.Id[7..] : e.Id;
        return $"{e.Time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)} {e.Type} {e.Action} {id[..Math.Min(12, id.Length)]}"
               + (attributes.Length > 0 ? $" ({attributes})" : "");
    }
}
