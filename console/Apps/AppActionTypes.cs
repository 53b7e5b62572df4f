namespace Monitor.Control.Apps;

/// <summary>History types of app actions.</summary>
public static class AppActionTypes
{
    public const string Start = "app.start";
    public const string Stop = "app.stop";
    public const string Restart = "app.restart";
    public const string Remove = "app.remove";
    public const string Apply = "app.apply";
}
