using Terminal.Gui.Drivers;
using Terminal.Gui.Input;

namespace Monitor.Control.Tui.Input;

/// <summary>Turns a Terminal.Gui key into the display token the binding tables use ("a", "A", "Enter", "Ctrl+D").</summary>
public static class KeyNames
{
    public static string From(Key key)
    {
        var code = key.KeyCode & ~KeyCode.ShiftMask & ~KeyCode.CtrlMask & ~KeyCode.AltMask;
        var named = code switch
        {
            KeyCode.Enter => "Enter",
            KeyCode.Esc => "Esc",
            KeyCode.Tab => key.IsShift ? "Shift+Tab" : "Tab",
            KeyCode.Backspace => "Backspace",
            KeyCode.Delete => "Delete",
            KeyCode.CursorUp => "Up",
            KeyCode.CursorDown => "Down",
            KeyCode.CursorLeft => "Left",
            KeyCode.CursorRight => "Right",
            KeyCode.PageUp => "PageUp",
            KeyCode.PageDown => "PageDown",
            KeyCode.Home => "Home",
            KeyCode.End => "End",
            KeyCode.Space => "Space",
            >= KeyCode.F1 and <= KeyCode.F12 => "F" + (code - KeyCode.F1 + 1),
            _ => null,
        };
        if (named is not null)
        {
            if (key.IsCtrl) named = "Ctrl+" + named;
            return named;
        }
        if (key.IsCtrl && code >= KeyCode.A && code <= KeyCode.Z) return "Ctrl+" + (char)('A' + (code - KeyCode.A));
        var rune = key.AsRune;
        if (rune.Value != 0 && !key.IsCtrl && !key.IsAlt) return rune.ToString();
        return key.ToString();
    }

    /// <summary>The printable character the key types, or null (for text prompts).</summary>
    public static string? Printable(Key key)
    {
        if (key.IsCtrl || key.IsAlt) return null;
        var rune = key.AsRune;
        return rune.Value >= 32 ? rune.ToString() : null;
    }
}
