using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Monitor.Control.Tui.Views;

/// <summary>The few colours the TUI uses (16-colour safe, readable over SSH).</summary>
public static class Palette
{
    public static readonly Attribute Normal = new(ColorName16.Gray, ColorName16.Black);
    public static readonly Attribute Header = new(ColorName16.Cyan, ColorName16.Black);
    public static readonly Attribute Selected = new(ColorName16.Black, ColorName16.Cyan);
    public static readonly Attribute SelectedDim = new(ColorName16.White, ColorName16.DarkGray);
    public static readonly Attribute Stderr = new(ColorName16.BrightRed, ColorName16.Black);
    public static readonly Attribute Highlight = new(ColorName16.Black, ColorName16.Yellow);
    public static readonly Attribute Bar = new(ColorName16.Black, ColorName16.Gray);
    /// <summary>A status-bar key the console key's role does not allow on the selected server.</summary>
    public static readonly Attribute BarDimmed = new(ColorName16.DarkGray, ColorName16.Gray);
    public static readonly Attribute Error = new(ColorName16.White, ColorName16.Red);
    public static readonly Attribute Indicator = new(ColorName16.Yellow, ColorName16.Black);
}
