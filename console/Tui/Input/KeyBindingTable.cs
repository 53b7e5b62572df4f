namespace Monitor.Control.Tui.Input;

/// <summary>The keys of one pane (or the global keys). Bindings that change state are hidden in read-only mode:
/// they are neither shown nor reachable.</summary>
public sealed class KeyBindingTable(bool readOnly)
{
    private readonly List<KeyBinding> _bindings = [];

    public bool ReadOnly { get; } = readOnly;

    public IReadOnlyList<KeyBinding> Active => _bindings.Where(b => !ReadOnly || !b.ChangesState).ToList();

    public KeyBindingTable Add(string key, string description, Action handler, bool changesState = false, bool inStatusBar = true)
    {
        _bindings.Add(new KeyBinding(key, description, handler, changesState, inStatusBar));
        return this;
    }

    public bool TryHandle(string key)
    {
        var binding = Active.FirstOrDefault(b => string.Equals(b.Key, key, StringComparison.Ordinal));
        if (binding is null) return false;
        binding.Handler();
        return true;
    }

    /// <summary>"r Restart  t Stop ..." for the status bar.</summary>
    public string StatusText() =>
        string.Join("  ", Active.Where(b => b.InStatusBar).Select(b => $"{b.Key} {b.Description}"));

    /// <summary>One line per key, for the help overlay.</summary>
    public IEnumerable<string> HelpLines(int columns = 2)
    {
        var cells = Active.Select(b => $"  {b.Key,-9} {b.Description}".PadRight(34)).ToList();
        for (var i = 0; i < cells.Count; i += columns)
            yield return string.Concat(cells.Skip(i).Take(columns)).TrimEnd();
    }
}
