namespace Monitor.Control.Tui.Input;

/// <summary>The keys of one pane (or the global keys). Bindings that change state are hidden in read-only mode:
/// they are neither shown nor reachable. Bindings that need an agent role (<see cref="KeyBinding.Needs"/>) are shown
/// dimmed when this console's key lacks it on the server in <see cref="Scope"/>, and pressing them says why.</summary>
public sealed class KeyBindingTable(bool readOnly)
{
    /// <summary>Marks around a dimmed key in <see cref="StatusText"/> (drawn dim by the status line, never shown).</summary>
    public const char DimStart = '\u0001';
    public const char DimEnd = '\u0002';
    private readonly List<KeyBinding> _bindings = [];

    public bool ReadOnly { get; } = readOnly;

    /// <summary>The server the keys act on now and the key's role there; null: nothing is dimmed.</summary>
    public Func<RoleScope?>? Scope { get; set; }

    /// <summary>Told the refusal when a dimmed key is pressed.</summary>
    public Action<string>? Refused { get; set; }

    public IReadOnlyList<KeyBinding> Active => _bindings.Where(b => !ReadOnly || !b.ChangesState).ToList();

    public KeyBindingTable Add(string key, string description, Action handler, bool changesState = false, bool inStatusBar = true,
        Monitor.Shared.Protocol.AgentRole? needs = null)
    {
        _bindings.Add(new KeyBinding(key, description, handler, changesState, inStatusBar, needs));
        return this;
    }

    public bool TryHandle(string key)
    {
        var binding = Active.FirstOrDefault(b => string.Equals(b.Key, key, StringComparison.Ordinal));
        if (binding is null) return false;
        if (Refusal(binding) is { } refusal) { Refused?.Invoke(refusal); return true; }
        binding.Handler();
        return true;
    }

    /// <summary>Why the key's role on the scoped server does not allow <paramref name="binding"/>; null when it does.</summary>
    public string? Refusal(KeyBinding binding)
    {
        if (binding.Needs is not { } needs || Scope?.Invoke() is not { Role: { } have } scope) return null;
        return Fleet.KeyRoleGate.Allows(have, needs) ? null : Fleet.KeyRoleGate.Refusal(scope.Server, have, needs, binding.Description);
    }

    /// <summary>"r Restart  t Stop ..." for the status bar (keys the role forbids between <see cref="DimStart"/> and <see cref="DimEnd"/>).</summary>
    public string StatusText() =>
        string.Join("  ", Active.Where(b => b.InStatusBar).Select(b => Refusal(b) is null ? $"{b.Key} {b.Description}" : $"{DimStart}{b.Key} {b.Description}{DimEnd}"));

    /// <summary>One line per key, for the help overlay.</summary>
    public IEnumerable<string> HelpLines(int columns = 2)
    {
        var cells = Active.Select(b => $"  {b.Key,-9} {b.Description}{(b.Needs is { } n && Refusal(b) is not null ? $" (needs {Fleet.KeyRoleGate.Name(n)})" : "")}".PadRight(34)).ToList();
        for (var i = 0; i < cells.Count; i += columns)
            yield return string.Concat(cells.Skip(i).Take(columns)).TrimEnd();
    }
}
