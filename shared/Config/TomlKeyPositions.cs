namespace Monitor.Shared.Config;

/// <summary>Where each key of a TOML file was written, by path: <c>console.store</c>, <c>servers[1].url</c>,
/// <c>servers[1]</c> (the table header). Lets validation errors after binding still name file:line:col.</summary>
public sealed class TomlKeyPositions(string file)
{
    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.Ordinal);

    public string File { get; } = file;

    internal void Add(string path, int line, int column) => _positions.TryAdd(path, (line, column));

    /// <summary>1-based position of <paramref name="path"/>, falling back to its parent table, then to 1:1.</summary>
    public (int Line, int Column) Of(string path)
    {
        for (var p = path; p.Length > 0;)
        {
            if (_positions.TryGetValue(p, out var at)) return at;
            var cut = Math.Max(p.LastIndexOf('.'), p.LastIndexOf('['));
            if (cut <= 0) break;
            p = p[..cut];
        }
        return (1, 1);
    }

    /// <summary>A <see cref="ConfigException"/> located at <paramref name="path"/>.</summary>
    public ConfigException Error(string path, string problem)
    {
        var (line, column) = Of(path);
        return new ConfigException(File, line, column, problem);
    }
}
