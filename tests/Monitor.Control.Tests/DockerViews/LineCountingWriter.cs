using System.Text;

namespace Monitor.Control.Tests.DockerViews;

/// <summary>A writer that collects complete lines and reports the count after each, so a test can stop a
/// following command once it has seen enough.</summary>
internal sealed class LineCountingWriter(Action<int> onLine) : TextWriter
{
    private readonly StringBuilder _current = new();
    private readonly List<string> _lines = [];

    public override Encoding Encoding => Encoding.UTF8;

    public IReadOnlyList<string> Lines { get { lock (_lines) return _lines.ToList(); } }

    public override void Write(char value)
    {
        int count;
        lock (_lines)
        {
            if (value != '\n') { _current.Append(value); return; }
            _lines.Add(_current.ToString());
            _current.Clear();
            count = _lines.Count;
        }
        onLine(count);
    }
}
